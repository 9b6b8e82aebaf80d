"""The platform's task queue: progress users can see, and no task "running" forever."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from vernetzt.core import tasks
from vernetzt.core.models import TaskProgress, WorkerHeartbeat


@pytest.fixture(autouse=True)
def _english_messages():
    """The assertions read the failure messages in English, whatever the catalogues hold."""
    with translation.override("en"):
        yield

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task(takes_context=True)
def count_to(context, total):
    for done in range(1, total + 1):
        tasks.report_progress(context.task_result.id, done=done, total=total, note=f"Zeile {done}")
    return total


@pytest.fixture
def database_queue(settings):
    # Through pytest-django's settings, so it is undone in order with the test's other changes.
    settings.TASKS = DATABASE_QUEUE


def running_task(*, worker_id="worker-a", started_minutes_ago=1):
    from django_tasks_db.models import DBTaskResult

    result = count_to.using(backend="default").enqueue(3)
    stored = DBTaskResult.objects.get(pk=result.id)
    stored.claim(worker_id)
    DBTaskResult.objects.filter(pk=stored.pk).update(
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago)
    )
    return result.id


def test_a_task_reports_progress_the_waiting_page_can_read():
    result = count_to.enqueue(4)  # the immediate backend of the tests runs it now
    progress = tasks.progress_of(result.id)
    assert (progress.done, progress.total, progress.percent) == (4, 4, 100)
    assert progress.note == "Zeile 4"


def test_progress_without_a_total_has_no_percentage():
    tasks.report_progress("abc", done=7)
    progress = tasks.progress_of("abc")
    assert progress.done == 7 and progress.percent is None
    tasks.report_progress("abc", done=-3, total=10, note="x" * 500)
    stored = TaskProgress.objects.get(task_id="abc")
    assert stored.done == 0 and len(stored.note) == 200


def test_the_task_of_a_live_worker_keeps_running(database_queue):
    task_id = running_task()
    tasks.beat("worker-a")
    assert tasks.reap_interrupted_tasks() == 0
    assert tasks.progress_of(task_id).status == TaskResultStatus.RUNNING


def test_a_task_whose_worker_is_gone_is_marked_failed(database_queue):
    task_id = running_task(worker_id="worker-gone")
    tasks.beat("worker-gone", now=timezone.now() - timedelta(minutes=5))
    finished = []
    task_finished.connect(receiver := lambda sender, task_result, **kw: finished.append(task_result))
    try:
        assert tasks.reap_interrupted_tasks() == 1
    finally:
        task_finished.disconnect(receiver)
    progress = tasks.progress_of(task_id)
    assert progress.status == TaskResultStatus.FAILED and progress.finished
    assert "interrupted" in progress.failure
    assert [result.id for result in finished] == [task_id]
    assert tasks.reap_interrupted_tasks() == 0  # each task only once


def test_the_failure_message_is_translated(database_queue):
    task_id = running_task(worker_id="never-seen")
    tasks.reap_interrupted_tasks()
    with translation.override("en"):
        english = tasks.progress_of(task_id).failure
    with translation.override("de"):
        german = tasks.progress_of(task_id).failure
    assert english.startswith("The work was interrupted")
    assert german  # the catalogue's wording; never empty


def test_a_task_past_the_time_limit_is_marked_failed_even_with_a_live_worker(
    database_queue, settings
):
    settings.TASK_TIME_LIMIT = 600
    task_id = running_task(started_minutes_ago=11)
    tasks.beat("worker-a")
    assert tasks.reap_interrupted_tasks() == 1
    assert "longer than allowed" in tasks.progress_of(task_id).failure


def test_a_failed_task_with_an_error_gets_the_general_message(database_queue):
    from django_tasks_db.models import DBTaskResult

    task_id = running_task()
    DBTaskResult.objects.get(pk=task_id).set_failed(ValueError("kaputt"))
    assert tasks.progress_of(task_id).failure == str(tasks.GENERIC_FAILURE)


# The worker closes its database connections between tasks, as a long-running process must;
# only a test whose writes are committed survives that on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_the_worker_command_reaps_at_start_runs_tasks_and_says_it_is_alive(database_queue):
    from django_tasks_db.models import DBTaskResult

    orphan = running_task(worker_id="crashed-yesterday")
    queued = count_to.enqueue(2)
    call_command("task_worker", batch=True, reload=False, worker_id="worker-b", verbosity=0)
    assert DBTaskResult.objects.get(pk=orphan).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(pk=queued.id).status == TaskResultStatus.SUCCESSFUL
    assert tasks.progress_of(queued.id).done == 2
    assert WorkerHeartbeat.objects.filter(worker_id="worker-b").exists()


def test_old_heartbeats_and_progress_are_cleared():
    long_ago = timezone.now() - timedelta(days=30)
    tasks.beat("old-worker", now=long_ago)
    tasks.report_progress("old-task", done=1)
    TaskProgress.objects.filter(task_id="old-task").update(updated_at=long_ago)
    tasks.reap_interrupted_tasks()
    assert not WorkerHeartbeat.objects.filter(worker_id="old-worker").exists()
    assert not TaskProgress.objects.filter(task_id="old-task").exists()
