"""The main navigation offers exactly the pages a role may open, asked of the access rules."""

import pytest
from django.urls import reverse

from vernetzt.core.roles import Role

pytestmark = pytest.mark.django_db

OFFICE_TOOLS = ["directory:review_list", "directory:import_start", "admin:index"]


def navigation_of(client):
    header = client.get(reverse("core:home")).text.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return header


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_the_entries_it_may_open(client_as, role_users, role):
    nav = navigation_of(client_as(role_users[role]))
    assert f'href="{reverse("directory:organisation_list")}"' in nav
    for view_name in OFFICE_TOOLS:
        assert (f'href="{reverse(view_name)}"' in nav) == (role == Role.STAFF), view_name
    assert (f'href="{reverse("directory:dashboard")}"' in nav) == (role in {Role.STAFF, Role.COUNCIL})
    export = reverse("directory:organisation_export", kwargs={"fmt": "xlsx"})
    assert (f'href="{export}"' in nav) == (role != Role.ANONYMOUS)
    assert (f'href="{reverse("directory:my_organisations")}"' in nav) == (role != Role.ANONYMOUS)


def test_the_current_page_is_marked(client_as, staff_user):
    response = client_as(staff_user).get(reverse("directory:review_list"))
    assert f'<a href="{reverse("directory:review_list")}" aria-current="page">' in response.text
