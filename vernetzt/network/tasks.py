"""Background work of the network app (django-tasks, ``core/tasks.py``)."""

from django_tasks import task

from vernetzt.core import tasks as platform_tasks


@task(takes_context=True)
def recompute_analysis(context):
    """Compute the office's network analysis and cache it (``analysis.store``), reporting
    each step as progress the analysis pages show."""
    from vernetzt.network.analysis import store

    task_id = context.task_result.id

    def progress(done, total, note):
        platform_tasks.report_progress(task_id, done=done, total=total, note=note)

    store.compute_and_store(progress=progress)
