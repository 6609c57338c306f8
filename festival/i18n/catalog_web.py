"""Page text of the web pages, by language: {lang: {English: translation}}."""

# Shared words (kinds, weekdays, months, "Arrival") also live in catalog_print; where both
# have a word, the printed form wins (festival.i18n merges WEB, then PRINT), so keep them alike.

# fmt: off
WEB: dict[str, dict[str, str]] = {
    "fa": {
        ", ": "، ",  # the list comma: Persian writes ،
        "Skip to content": "رفتن به محتوا",
        "Festivals": "جشنواره‌ها",
        "Festival days": "روزهای جشنواره",
        "Language": "زبان",
        "Languages": "زبان‌ها",
        "Not published": "منتشرنشده",
        "Not published: only signed-in organisers see this page.":
            "منتشر نشده است: تنها برگزارکنندگانِ واردشده این صفحه را می‌بینند.",
        "No festival has been published yet.": "هنوز هیچ جشنواره‌ای منتشر نشده است.",
        "All times are local time in {city} ({zone}).":
            "همهٔ ساعت‌ها به وقت محلی {city} ({zone}) است.",
        "{n} sessions": "{n} برنامه",
        "1 session": "۱ برنامه",
        "next day": "روز بعد",
        "Filter by kind, venue or partner city": "پالایش بر اساس نوع، مکان یا شهر خواهرخوانده",
        "Kind": "نوع",
        "Venue": "مکان",
        "Partner city": "شهر خواهرخوانده",
        "selected; follow to remove": "انتخاب‌شده؛ برای برداشتن بزنید",
        "Remove all filters": "برداشتن همهٔ پالایه‌ها",
        "Nothing on this day.": "در این روز برنامه‌ای نیست.",
        "Nothing on this day matches these filters.": "در این روز برنامه‌ای با این پالایه‌ها نیست.",
        "When": "زمان",
        "Where": "محل برگزاری",
        "Map": "نقشه",
        "Open in your map app": "باز کردن در برنامهٔ نقشه",
        "Step-free access.": "دسترسی بدون پله.",
        "No access information yet: please ask the organisers.":
            "هنوز اطلاعاتی دربارهٔ دسترسی نداریم؛ لطفاً از برگزارکنندگان بپرسید.",
        "This session has been cancelled.": "این برنامه لغو شده است.",
        "Everything at this venue": "همهٔ برنامه‌های این مکان",
        "Other sessions of this event": "نوبت‌های دیگر این رویداد",
        "Back to the programme of {day}": "بازگشت به برنامهٔ {day}",
        "Programme and calendar feed of this venue": "برنامه و تقویم این مکان",
        "Programme and calendar feed of this city's sessions": "برنامه و تقویم برنامه‌های این شهر",
        "A partner city of {city}.": "شهر خواهرخواندهٔ {city}.",
        "No public sessions with this city yet.": "هنوز برنامهٔ عمومی‌ای با این شهر نیست.",
        "Confirmed": "قطعی",
        "Add to calendar": "افزودن به تقویم",
        "Download for your calendar app (.ics)": "دریافت برای برنامهٔ تقویم (‎.ics)",
        "Add to Google Calendar": "افزودن به تقویم گوگل",
        "Add to Outlook.com": "افزودن به Outlook.com",
        "Add to Outlook (work or school account)": "افزودن به اوت‌لوک (حساب کاری یا دانشگاهی)",
        "Subscribe to the programme": "اشتراک در برنامهٔ جشنواره",
        "Subscribe to these sessions": "اشتراک در این برنامه‌ها",
        "Subscribe to your itinerary": "اشتراک در برنامهٔ سفر شما",
        "Your calendar then shows every session at the right local time, and picks up changes "
        "and cancellations by itself.":
            "تقویم شما هر برنامه را به وقت محلی درست نشان می‌دهد و تغییرها و لغوها را خودش "
            "دریافت می‌کند.",
        "Subscribe in your calendar app (Apple Calendar, Outlook on a computer)":
            "اشتراک در برنامهٔ تقویم (تقویم اپل، اوت‌لوک روی رایانه)",
        "Or copy this address into your calendar:": "یا این نشانی را در تقویم خود وارد کنید:",
        "QR code of the calendar address": "کد QR نشانی تقویم",
        "Scan with your phone's camera to subscribe there.":
            "با دوربین تلفن همراه اسکن کنید تا در همان‌جا مشترک شوید.",
        "Google Calendar may take up to a day to show a change; Apple Calendar and Outlook "
        "check more often.":
            "نمایش یک تغییر در تقویم گوگل ممکن است تا یک روز طول بکشد؛ تقویم اپل و اوت‌لوک "
            "زودتر به‌روز می‌شوند.",
        "This address is private: anyone who has it sees your itinerary. Ask the organisers for "
        "a new one if it has been shared by mistake.":
            "این نشانی خصوصی است: هر کس آن را داشته باشد برنامهٔ سفر شما را می‌بیند. اگر به "
            "اشتباه به دست دیگران رسیده است، از برگزارکنندگان نشانی تازه بخواهید.",
        "Private itinerary: do not share this address.":
            "برنامهٔ سفر خصوصی: این نشانی را با دیگران در میان نگذارید.",
        "This is your delegation's itinerary. Anyone with the address of this page can read it: "
        "share it only within your delegation.":
            "این برنامهٔ سفر هیئت شماست. هر کس نشانی این صفحه را داشته باشد می‌تواند آن را "
            "بخواند: آن را تنها با اعضای هیئت خود در میان بگذارید.",
        "At a glance": "در یک نگاه",
        "Your liaison officer": "رابط میزبان شما",
        "Members": "اعضا",
        "Your interpreters": "مترجمان شما",
        "Day by day": "روز به روز",
        "Nothing planned.": "برنامه‌ای نیست.",
        "By invitation": "با دعوت",
    },
}
# fmt: on
