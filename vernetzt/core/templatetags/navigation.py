from django import template

from vernetzt.core.navigation import main_navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation_links(context):
    """The main navigation's (url, label, is_current) entries for the page's user."""
    request = context.get("request")
    if request is None:
        return []
    match = getattr(request, "resolver_match", None)
    return main_navigation(user=request.user, current_view_name=match.view_name if match else "")
