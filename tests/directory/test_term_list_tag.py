"""``{% term_list %}`` writes a definition-list entry and escapes what it is given."""

from types import SimpleNamespace

from django.template import Context, Template


def render(label, terms):
    template = Template("{% load directory_terms %}{% term_list label terms %}")
    return template.render(Context({"label": label, "terms": terms}))


def test_it_lists_the_terms_labels():
    terms = [SimpleNamespace(label="Kultur"), SimpleNamespace(label="Sport")]
    assert render("Felder", terms) == "<dt>Felder</dt><dd><ul><li>Kultur</li><li>Sport</li></ul></dd>"


def test_it_writes_nothing_without_terms():
    assert render("Felder", []) == ""


def test_it_escapes_labels_and_terms():
    html = render("<b>", [SimpleNamespace(label='<script>alert("x")</script>')])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
