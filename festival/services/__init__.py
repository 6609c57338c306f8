"""Services: the verbs that change a festival. They flush; the caller commits."""
