"""The minutes of a meeting as a PDF: the HTML template ``council/meetings/minutes_pdf.html``
rendered by WeasyPrint, in German (the minutes' language) whatever the reader's language."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

PRINT_CSS = "vernetzt/css/council-minutes-print.css"


def minutes_html(*, page):
    with translation.override("de"):
        return render_to_string(
            "council/meetings/minutes_pdf.html",
            {"page": page, "meeting": page.meeting, "printed": timezone.now()},
        )


def _fetch_nothing(url, *args, **kwargs):
    """The minutes need no images or fonts from elsewhere: nothing is fetched."""
    raise ValueError(f"not fetched for the minutes: {url}")


def minutes_document(*, page):
    """The laid-out WeasyPrint document (tests read its text from here)."""
    from weasyprint import CSS, HTML  # imported when needed: it loads Pango and fonts

    stylesheet = finders.find(PRINT_CSS)
    return HTML(string=minutes_html(page=page), url_fetcher=_fetch_nothing).render(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None
    )


def minutes_pdf(*, page):
    return minutes_document(page=page).write_pdf()
