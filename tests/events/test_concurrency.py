"""Places under concurrency (issue 9): 50 registrations at once for the last 10 places, and
cancellations at once, each promoting a waiting person exactly once.

Real threads, each with its own database connection, against a committed database
(``transaction=True``). Run on SQLite by default and on PostgreSQL with ``DATABASE_URL``
(``.ci/run`` runs both). On SQLite the test database must be a file: an in-memory database
shared between connections fails a second writer at once ("table is locked") instead of making it
wait, which the file database the platform runs on does (``busy_timeout``); the fixture
``file_database`` copies the test database into a file for the threads. Its busy timeout is a
minute rather than five seconds: fifty threads on a shared two-core CI machine may wait longer
than that for their turn, and this test counts places, it does not time them.
"""

import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections

from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.events.models import Registration
from vernetzt.events.services import registration as services

pytestmark = pytest.mark.django_db(transaction=True)

S = Registration.Status


@pytest.fixture
def file_database(tmp_path):
    """On SQLite: every connection made from here on (the threads' and this thread's) uses a
    file copy of the in-memory test database. Elsewhere: nothing to do."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    import sqlite3

    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    original = connections.settings["default"]
    main = connections["default"]
    options = {**original.get("OPTIONS", {}), "timeout": 60}
    options["init_command"] = options.get("init_command", "").replace(
        "busy_timeout=5000", "busy_timeout=60000"
    )
    connections.settings["default"] = {**original, "NAME": str(path), "OPTIONS": options}
    file_connection = connections.create_connection("default")
    connections["default"] = file_connection
    try:
        yield
    finally:
        file_connection.close()
        connections.settings["default"] = original
        connections["default"] = main


def run_at_once(calls):
    """Run every callable in its own thread, all released together; their results."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def work(index, call):
        try:
            barrier.wait(timeout=60)
            results[index] = call()
        except Exception as error:  # reported below, with the others
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def answers(n):
    return {"name": f"Person {n}", "email": f"person-{n}@example.org", "dietary": ""}


def assert_places_consistent(event, *, taken, waiting):
    statuses = list(event.registrations.values_list("status", flat=True))
    assert sum(status in Registration.HOLDS_A_PLACE for status in statuses) == taken
    assert statuses.count(S.WAITLISTED) == waiting
    positions = sorted(r.waitlist_position() for r in event.registrations.waiting())
    assert positions == list(range(1, waiting + 1))  # a line, no two people on one place


def test_fifty_registrations_with_accounts_for_the_last_ten_places(file_database):
    event = EventFactory(capacity=60)
    RegistrationFactory.create_batch(50, event=event, status=S.CONFIRMED)
    users = [UserFactory(email=f"user-{n}@example.org") for n in range(50)]

    results = run_at_once(
        [
            lambda user=user, n=n: services.register(actor=user, event=event, data=answers(n))
            for n, user in enumerate(users)
        ]
    )

    new = Registration.objects.filter(pk__in=[r.pk for r in results])
    assert new.filter(status=S.CONFIRMED).count() == 10
    assert new.filter(status=S.WAITLISTED).count() == 40
    assert_places_consistent(event, taken=60, waiting=40)


def test_fifty_email_confirmations_at_once_for_the_last_ten_places(file_database):
    event = EventFactory(capacity=60)
    RegistrationFactory.create_batch(50, event=event, status=S.CONFIRMED)
    pending = RegistrationFactory.create_batch(50, event=event, status=S.PENDING)

    run_at_once(
        [
            lambda token=registration.token: services.confirm_email(token=token)
            for registration in pending
        ]
    )

    statuses = list(
        Registration.objects.filter(pk__in=[r.pk for r in pending]).values_list("status", flat=True)
    )
    assert statuses.count(S.CONFIRMED) == 10
    assert statuses.count(S.WAITLISTED) == 40
    assert_places_consistent(event, taken=60, waiting=40)


def test_cancellations_at_once_promote_each_waiting_person_exactly_once(file_database):
    event = EventFactory(capacity=20)
    holders = RegistrationFactory.create_batch(20, event=event, status=S.CONFIRMED)
    waiting = [
        RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=event.created_at)
        for _ in range(8)
    ]
    cancelling = holders[:12]  # more places free than people wait: 8 offers, 4 places left
    # Each cancellation sent twice at the same moment (a double click, two tabs).
    calls = [
        lambda registration=registration: services.cancel(registration=registration)
        for registration in cancelling + cancelling
    ]

    results = run_at_once(calls)

    assert sum(bool(result) for result in results) == 12  # each cancelled once
    offered = Registration.objects.filter(pk__in=[r.pk for r in waiting])
    assert set(offered.values_list("status", flat=True)) == {S.OFFERED}
    promotions = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration), action="promote"
    )
    assert sorted(promotions.values_list("object_id", flat=True)) == sorted(
        str(r.pk) for r in waiting
    )
    assert_places_consistent(event, taken=16, waiting=0)


def test_cancellations_at_once_with_a_long_waiting_list_fill_exactly_the_freed_places(
    file_database,
):
    event = EventFactory(capacity=10)
    holders = RegistrationFactory.create_batch(10, event=event, status=S.CONFIRMED)
    waiting = [
        RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=event.created_at)
        for _ in range(15)
    ]

    run_at_once(
        [
            lambda registration=registration: services.cancel(registration=registration)
            for registration in holders[:6]
        ]
    )

    # The first six in line were offered the six places, in order; nine still wait.
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [S.OFFERED] * 6 + [S.WAITLISTED] * 9
    assert_places_consistent(event, taken=10, waiting=9)
