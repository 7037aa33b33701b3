"""Dependencies point one way: a lower app never imports a higher one.

Every import in the project's code is read (at the top of a module or inside a function,
where a loop would otherwise hide), and its direction checked against the layers of the
house style. An import that points up fails this test; ``STILL_UPWARD`` would name one
that must wait (none does), and fails when it no longer exists (the list only shrinks).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: The layer of each package, most specific first. The project itself (settings, URLs,
#: the demo data, management commands) sits above everything and is not checked.
LAYERS = [
    ("lms.settings", None),
    ("lms.urls", None),
    ("lms.management", None),
    ("lms.wsgi", None),
    ("lms.views", None),
    ("lms.templatetags", None),
    ("lms.demo", None),
    ("lms.bench", None),  # the benchmark: builds on the demo, reads every app
    ("lms.topology", None),
    ("lms.selection", 5),  # calls, applications, committees
    ("lms.transition", 4),  # the organisation's self-assessment and transition plan
    ("lms.pathway", 3),
    ("cohorts", 3),
    ("webinars", 2),  # a webinar is a page of a level, with the courses' feedback
    ("courses", 1),
    ("lms", 0),  # accounts, outbox, moderation, learning events, links, e-mails...
    ("content", 0),
]

#: Imports that still point up, as (importing module, imported package): none left.
#: An entry here would be debt, named and shrinking; keep it empty.
STILL_UPWARD: set[tuple[str, str]] = set()


def layer(module: str):
    for prefix, number in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return prefix, number
    return None, None


def project_modules():
    for package in ("lms", "courses", "cohorts", "webinars", "content"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield module.removesuffix(".__init__"), path


def imported(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for module, path in project_modules():
        _own, own_layer = layer(module)
        if own_layer is None:
            continue
        for name in imported(path):
            target, target_layer = layer(name)
            if target_layer is not None and target_layer > own_layer:
                found.add((module, target))
    return found


def test_no_import_points_up_but_the_listed_ones():
    found = upward_imports()

    assert found - STILL_UPWARD == set(), "imports pointing up: " + ", ".join(
        f"{a} → {b}" for a, b in sorted(found - STILL_UPWARD)
    )
    assert STILL_UPWARD - found == set(), "gone, remove from STILL_UPWARD: " + ", ".join(
        f"{a} → {b}" for a, b in sorted(STILL_UPWARD - found)
    )


def test_no_app_imports_the_demo_data():
    """The demo data sits above every app: it imports them, none imports it (but the
    benchmark, which builds its dataset on the demo's pages and accounts)."""
    found = {
        module
        for module, path in project_modules()
        if layer(module)[0] not in ("lms.demo", "lms.bench")
        and any(layer(name)[0] == "lms.demo" for name in imported(path))
    }

    assert found == set(), "imports of lms.demo: " + ", ".join(sorted(found))


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    path = tmp_path / "example.py"
    path.write_text("def f():\n    from lms.pathway.services import pathway_evaluate\n")
    assert "lms.pathway.services" in set(imported(path))


def imports_inside_functions(path: Path):
    """Yield (function name, line) of every import placed inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield node.name, inner.lineno


def test_imports_inside_functions_are_only_where_django_requires_them():
    """An import inside a function hides a dependency (and, often, a loop). The one place
    Django requires it is ``AppConfig.ready()`` in ``apps.py``, which runs once every model
    is loaded; there, each says why in a comment."""
    hidden = [
        f"{path.relative_to(ROOT)}:{line} ({function})"
        for _module, path in project_modules()
        for function, line in imports_inside_functions(path)
        if not (path.name == "apps.py" and function == "ready")
    ]
    assert hidden == []

    for _module, path in project_modules():
        if path.name == "apps.py" and any(imports_inside_functions(path)):
            source = path.read_text()
            ready = source[source.index("def ready(") :]
            assert "# Imported here" in ready, f"{path.relative_to(ROOT)}: say why in ready()"
