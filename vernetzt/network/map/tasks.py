"""The map's layout in the task queue (large networks take seconds to lay out)."""

from django_tasks import task

from vernetzt.network.map import data


@task()
def compute_map_layout(audience):
    data.store_layout(audience, warm=True)
