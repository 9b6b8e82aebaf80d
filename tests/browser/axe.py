"""Runs axe-core (from npm, never a CDN) on a Playwright page and explains what it finds."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_source):
    # evaluate() runs through the DevTools protocol, which the page's CSP does not govern,
    # so the CSP stays fully in force for the page's own resources.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    # Only violations are asked for: axe then skips collecting every passing node, which
    # makes a run several times faster on long pages.
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(results => results.violations)""",
        WCAG_TAGS,
    )


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' > '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page, axe_source):
    violations = axe_violations(page, axe_source)
    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"
