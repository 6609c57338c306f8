"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 19:49:23.148392

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# Frozen copy of festival.models.venue.SQLITE_OVERLAP_TRIGGERS as of this revision.
SQLITE_OVERLAP_TRIGGERS = [
    f"""
CREATE TRIGGER IF NOT EXISTS occupation_no_overlap_{verb.lower()}
BEFORE {verb} ON occupation
FOR EACH ROW WHEN NEW.exclusive
BEGIN
    SELECT RAISE(ABORT, 'occupation_no_overlap: venue-double-booking')
    WHERE EXISTS (
        SELECT 1 FROM occupation AS o
        WHERE o.venue_id = NEW.venue_id AND o.exclusive AND o.id IS NOT NEW.id
          AND o.starts_at < NEW.ends_at AND NEW.starts_at < o.ends_at
    );
END
"""
    for verb in ("INSERT", "UPDATE")
]

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def _postgresql_only(*constraints):
    return constraints if op.get_bind().dialect.name == "postgresql" else ()


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        # btree_gist lets the exclusion constraint compare venue ids with '='; it is a
        # trusted extension, so the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table('festival',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('host_city', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_festival')),
    sa.UniqueConstraint('slug', name=op.f('uq_festival_slug')),
    sqlite_autoincrement=True,
    )
    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('admin', 'organiser', 'viewer')", name=op.f('ck_user_account_known_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=35), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('expected_attendance', sa.Integer(), nullable=True),
    sa.Column('requires', sa.JSON(), nullable=False),
    sa.Column('translations', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('exhibition', 'handicraft_showcase', 'screening', 'delegation_visit', 'workshop', 'performance', 'ceremony', 'reception', 'talk', 'other')", name=op.f('ck_event_known_kind')),
    sa.CheckConstraint('expected_attendance IS NULL OR expected_attendance >= 0', name=op.f('ck_event_attendance_not_negative')),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_event_festival_id_festival'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_event_festival_id_key'))
    )
    op.create_table('hotel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_hotel_festival_id_festival'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hotel')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_hotel_festival_id_key'))
    )
    op.create_table('interpreter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_interpreter_festival_id_festival'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interpreter')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_interpreter_festival_id_key'))
    )
    op.create_table('partner_city',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('local_name', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('twinned_since', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_partner_city_festival_id_festival'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_city')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_partner_city_festival_id_key'))
    )
    op.create_table('vehicle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=True),
    sa.Column('driver', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.CheckConstraint('seats IS NULL OR seats >= 0', name=op.f('ck_vehicle_seats_not_negative')),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_vehicle_festival_id_festival'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_vehicle_festival_id_key'))
    )
    op.create_table('venue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('local_name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('setup_minutes', sa.Integer(), nullable=False),
    sa.Column('teardown_minutes', sa.Integer(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('opening_hours', sa.JSON(), nullable=True),
    sa.Column('accessibility', sa.Text(), nullable=False),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_venue_capacity_not_negative')),
    sa.CheckConstraint('setup_minutes >= 0 AND teardown_minutes >= 0', name=op.f('ck_venue_buffers_not_negative')),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_venue_festival_id_festival'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_venue_festival_id_key'))
    )
    op.create_table('delegation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('contact_email', sa.String(length=320), nullable=False),
    sa.Column('language', sa.String(length=35), nullable=False),
    sa.Column('hotel_id', sa.Integer(), nullable=True),
    sa.Column('arrival_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('arrival_transport', sa.String(length=32), nullable=False),
    sa.Column('arrival_reference', sa.String(length=64), nullable=False),
    sa.Column('arrival_place', sa.String(length=200), nullable=False),
    sa.Column('departure_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('departure_transport', sa.String(length=32), nullable=False),
    sa.Column('departure_reference', sa.String(length=64), nullable=False),
    sa.Column('departure_place', sa.String(length=200), nullable=False),
    sa.Column('liaison_name', sa.String(length=200), nullable=False),
    sa.Column('liaison_phone', sa.String(length=64), nullable=False),
    sa.Column('liaison_email', sa.String(length=320), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_delegation_festival_id_festival'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hotel_id'], ['hotel.id'], name=op.f('fk_delegation_hotel_id_hotel'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partner_city_id'], ['partner_city.id'], name=op.f('fk_delegation_partner_city_id_partner_city'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegation')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_delegation_festival_id_key')),
    sa.UniqueConstraint('token', name=op.f('uq_delegation_token'))
    )
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delegation_partner_city_id'), ['partner_city_id'], unique=False)

    op.create_table('event_partner_city',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_partner_city_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_city_id'], ['partner_city.id'], name=op.f('fk_event_partner_city_partner_city_id_partner_city'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'partner_city_id', name=op.f('pk_event_partner_city'))
    )
    op.create_table('session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('confirmed', 'tentative', 'cancelled')", name=op.f('ck_session_known_status')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_session_ends_after_start')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_session_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_session_festival_id_festival'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_session_venue_id_venue'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_session_festival_id_key'))
    )
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_session_festival_starts', ['festival_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_venue_id'), ['venue_id'], unique=False)

    op.create_table('transfer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('from_place', sa.String(length=200), nullable=False),
    sa.Column('to_place', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_transfer_ends_after_start')),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_transfer_festival_id_festival'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_transfer_vehicle_id_vehicle'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_transfer_festival_id_key'))
    )
    with op.batch_alter_table('transfer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('venue_hold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_venue_hold_ends_after_start')),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_venue_hold_festival_id_festival'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_venue_hold_venue_id_venue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_hold')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_venue_hold_festival_id_key'))
    )
    with op.batch_alter_table('venue_hold', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_hold_venue_id'), ['venue_id'], unique=False)

    op.create_table('event_delegation',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_event_delegation_delegation_id_delegation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_delegation_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'delegation_id', name=op.f('pk_event_delegation'))
    )
    op.create_index('ix_event_delegation_delegation', 'event_delegation',
                    ['delegation_id', 'event_id'], unique=False)
    op.create_table('interpreter_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('interpreter_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('session_id IS NOT NULL OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)', name=op.f('ck_interpreter_assignment_session_or_times')),
    sa.CheckConstraint('starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at', name=op.f('ck_interpreter_assignment_ends_after_start')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_interpreter_assignment_delegation_id_delegation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_interpreter_assignment_festival_id_festival'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['interpreter_id'], ['interpreter.id'], name=op.f('fk_interpreter_assignment_interpreter_id_interpreter'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_interpreter_assignment_session_id_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interpreter_assignment')),
    sa.UniqueConstraint('festival_id', 'key', name=op.f('uq_interpreter_assignment_festival_id_key'))
    )
    with op.batch_alter_table('interpreter_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interpreter_assignment_delegation_id'), ['delegation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interpreter_assignment_interpreter_id'), ['interpreter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interpreter_assignment_session_id'), ['session_id'], unique=False)

    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('dietary', sa.String(length=200), nullable=False),
    sa.Column('accessibility', sa.Text(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.Column('room', sa.String(length=32), nullable=False),
    sa.Column('hotel_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_member_delegation_id_delegation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hotel_id'], ['hotel.id'], name=op.f('fk_member_hotel_id_hotel'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member')),
    sa.UniqueConstraint('delegation_id', 'key', name=op.f('uq_member_delegation_id_key'))
    )
    op.create_table('occupation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('hold_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('exclusive', sa.Boolean(), nullable=False),
    *_postgresql_only(
        postgresql.ExcludeConstraint(
            (sa.column('venue_id'), '='),
            (sa.text("tstzrange(starts_at, ends_at, '[)')"), '&&'),
            where=sa.text('exclusive'), using='gist', name='occupation_no_overlap',
        )
    ),
    sa.CheckConstraint('(session_id IS NULL) <> (hold_id IS NULL)', name=op.f('ck_occupation_exactly_one_owner')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_occupation_ends_after_start')),
    sa.ForeignKeyConstraint(['festival_id'], ['festival.id'], name=op.f('fk_occupation_festival_id_festival'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hold_id'], ['venue_hold.id'], name=op.f('fk_occupation_hold_id_venue_hold'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_occupation_session_id_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_occupation_venue_id_venue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_occupation')),
    sa.UniqueConstraint('hold_id', name=op.f('uq_occupation_hold_id')),
    sa.UniqueConstraint('session_id', name=op.f('uq_occupation_session_id'))
    )
    with op.batch_alter_table('occupation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_occupation_festival_id'), ['festival_id'], unique=False)
        batch_op.create_index('ix_occupation_venue_span', ['venue_id', 'starts_at', 'ends_at'], unique=False)

    op.create_table('transfer_delegation',
    sa.Column('transfer_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_transfer_delegation_delegation_id_delegation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['transfer_id'], ['transfer.id'], name=op.f('fk_transfer_delegation_transfer_id_transfer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('transfer_id', 'delegation_id', name=op.f('pk_transfer_delegation'))
    )
    op.create_index('ix_transfer_delegation_delegation', 'transfer_delegation',
                    ['delegation_id'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite has no exclusion constraints: the same triggers the models create.
        for sql in SQLITE_OVERLAP_TRIGGERS:
            op.execute(sql)


def downgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_table('transfer_delegation')
    with op.batch_alter_table('occupation', schema=None) as batch_op:
        batch_op.drop_index('ix_occupation_venue_span')
        batch_op.drop_index(batch_op.f('ix_occupation_festival_id'))

    op.drop_table('occupation')
    op.drop_table('member')
    with op.batch_alter_table('interpreter_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interpreter_assignment_session_id'))
        batch_op.drop_index(batch_op.f('ix_interpreter_assignment_interpreter_id'))
        batch_op.drop_index(batch_op.f('ix_interpreter_assignment_delegation_id'))

    op.drop_table('interpreter_assignment')
    op.drop_table('event_delegation')
    with op.batch_alter_table('venue_hold', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venue_hold_venue_id'))

    op.drop_table('venue_hold')
    with op.batch_alter_table('transfer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_vehicle_id'))

    op.drop_table('transfer')
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_venue_id'))
        batch_op.drop_index('ix_session_festival_starts')
        batch_op.drop_index(batch_op.f('ix_session_event_id'))

    op.drop_table('session')
    op.drop_table('event_partner_city')
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegation_partner_city_id'))

    op.drop_table('delegation')
    op.drop_table('venue')
    op.drop_table('vehicle')
    op.drop_table('partner_city')
    op.drop_table('interpreter')
    op.drop_table('hotel')
    op.drop_table('event')
    op.drop_table('user_account')
    op.drop_table('festival')
    # ### end Alembic commands ###
