"""Reads of web imports."""

from vernetzt.directory.models import ImportJob


def job_by_id(*, job_id):
    """The job without its file content; ``ImportJob.DoesNotExist`` if there is none."""
    return (
        ImportJob.objects.select_related("default_type", "created_by")
        .defer("content")
        .get(pk=job_id)
    )


def job_with_table(*, job_id):
    """The job including its file, for pages that show the columns' contents."""
    return ImportJob.objects.select_related("default_type").get(pk=job_id)


def recent_jobs(*, limit=10):
    return list(ImportJob.objects.select_related("created_by").defer("content", "report")[:limit])
