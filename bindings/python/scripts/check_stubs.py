"""Checks that ``python/foxy/_foxy.pyi`` describes the built ``foxy._foxy`` module.

The stubs of the native classes are written by hand (the typed resources of ``foxy.typed`` are
generated, fully annotated, and are their own stub); this script fails (exit status 1, one line per problem) when:

- a public name of the module has no stub, or a stub names something the module lacks;
- a class's public members (and its iteration/container/context protocol methods) differ;
- a function's or method's parameter names differ from the runtime signature (``**query`` at
  runtime must be ``**query: Unpack[_Query]`` in the stub, whose keys must be the query keywords);
- a public class, function or method of the module has no docstring.

Run it with the package installed: ``python scripts/check_stubs.py``.
"""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import foxy
import foxy._foxy as native

STUB = Path(__file__).resolve().parent.parent / "python" / "foxy" / "_foxy.pyi"
QUERY_KEYWORDS = ["zoom", "filters", "order", "limit", "offset", "fields"]
PROTOCOL = {
    "__iter__", "__next__", "__aiter__", "__anext__", "__len__", "__getitem__", "__setitem__",
    "__contains__", "__enter__", "__exit__", "__bool__", "__getattr__",
}
problems: list[str] = []


def problem(text: str) -> None:
    problems.append(text)


def public(name: str) -> bool:
    return not name.startswith("_") or name in ("__version__",)


def stub_params(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """Parameter names as ``inspect`` writes them (``*rels``, ``**query``), without ``self``."""
    a = node.args
    names = [p.arg for p in a.posonlyargs + a.args]
    if a.vararg:
        names.append("*" + a.vararg.arg)
    names += [p.arg for p in a.kwonlyargs]
    if a.kwarg:
        names.append("**" + a.kwarg.arg)
    return [n for n in names if n not in ("self", "cls")]


def runtime_params(obj: object) -> list[str] | None:
    try:
        signature = inspect.signature(obj)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    names = []
    for p in signature.parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            names.append("*" + p.name)
        elif p.kind is p.VAR_KEYWORD:
            names.append("**" + p.name)
        else:
            names.append(p.name)
    return [n for n in names if n not in ("self", "cls", "$self")]


def stub_class_members(classes: dict[str, ast.ClassDef], node: ast.ClassDef) -> dict[str, ast.AST]:
    members: dict[str, ast.AST] = {}
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            members.update(stub_class_members(classes, classes[base.id]))
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members[item.name] = item
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            members[item.target.name if hasattr(item.target, "name") else item.target.id] = item
    return members


def check_query_typeddict(tree: ast.Module) -> None:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "_Query":
            keys = [i.target.id for i in node.body if isinstance(i, ast.AnnAssign)]  # type: ignore[union-attr]
            if keys != QUERY_KEYWORDS:
                problem(f"_Query keys {keys} != {QUERY_KEYWORDS}")
            return
    problem("the stub has no _Query TypedDict")


def check_signature(where: str, runtime: object, node: ast.AST) -> None:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return
    if any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list):
        return
    expected = runtime_params(runtime)
    if expected is None:
        return
    got = stub_params(node)
    if got != expected:
        problem(f"{where}: stub parameters {got} != runtime {expected}")
    if "**query" in expected:
        annotation = node.args.kwarg.annotation if node.args.kwarg else None
        if not (annotation is not None and "_Query" in ast.unparse(annotation)):
            problem(f"{where}: **query must be annotated Unpack[_Query]")


def check_doc(where: str, obj: object) -> None:
    if not (getattr(obj, "__doc__", None) or "").strip():
        problem(f"{where} has no docstring")


def main() -> int:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    check_query_typeddict(tree)
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    stub_names: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            stub_names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stub_names[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    stub_names[target.id] = node
    runtime_names = {n for n in dir(native) if public(n)}
    stubbed = {n for n in stub_names if public(n)}
    for name in sorted(runtime_names - stubbed):
        problem(f"{name}: exported by foxy._foxy but missing from the stub")
    for name in sorted(stubbed - runtime_names):
        problem(f"{name}: in the stub but not exported by foxy._foxy")

    for name in sorted(runtime_names & stubbed):
        obj = getattr(native, name)
        node = stub_names[name]
        if isinstance(obj, type):
            check_doc(name, obj)
            if not isinstance(node, ast.ClassDef):
                problem(f"{name}: a class at runtime, not in the stub")
                continue
            if issubclass(obj, BaseException):
                continue
            stub_members = stub_class_members(classes, node)
            runtime_members = {
                m for m in dir(obj)
                if (not m.startswith("_") or m in PROTOCOL) and (m in vars(obj))
            }
            wanted = {m for m in stub_members if not m.startswith("_") or m in PROTOCOL}
            for m in sorted(runtime_members - wanted):
                problem(f"{name}.{m}: at runtime, missing from the stub")
            for m in sorted(wanted - runtime_members):
                if m == "__getattr__" and "__getattribute__" in vars(obj):
                    continue
                problem(f"{name}.{m}: in the stub, missing at runtime")
            for m in sorted(runtime_members & wanted):
                member = getattr(obj, m)
                if not m.startswith("_"):
                    check_doc(f"{name}.{m}", member)
                check_signature(f"{name}.{m}", member, stub_members[m])
            init = stub_members.get("__init__")
            if init is not None and "__init__" not in vars(obj) and "__new__" not in vars(obj):
                problem(f"{name}: the stub has __init__ but the class cannot be constructed")
            if init is not None:
                check_signature(f"{name}.__init__", obj, init)
        elif callable(obj):
            check_doc(name, obj)
            check_signature(name, obj, node)

    # The package re-exports: every name of foxy.__all__ exists.
    for name in foxy.__all__:
        if not hasattr(foxy, name):
            problem(f"foxy.__all__ names {name}, which foxy lacks")

    for line in problems:
        print(f"stub: {line}")
    if problems:
        print(f"{len(problems)} problem(s) in {STUB}; update the stub to match the module")
        return 1
    print(f"stubs match foxy._foxy ({len(runtime_names)} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
