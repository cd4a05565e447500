#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The kvbridge package's typing and documentation, read from the sources (nothing is imported):

- py.typed is there, and each module has its .pyi stub;
- every public class, function and method (inherited from the package's private bases too) has a
  docstring, and a stub with the same parameters (names, kinds, which have defaults);
- in the stubs, every parameter but self is annotated and every function has a return annotation;
- a stub names nothing public that the module lacks.

Usage: check_typing.py PACKAGE_DIR
"""
import ast
import glob
import os
import sys

# Dunder methods that are part of the API (constructors, protocols); others (__repr__, __del__) are not.
API_DUNDERS = {"__init__", "__len__", "__iter__", "__next__", "__enter__", "__exit__"}


def public(name):
    return not name.startswith("_") or name in API_DUNDERS


def signature(function):
    """Parameter names, kinds and which have defaults: what a stub must repeat."""
    a = function.args
    positional = a.posonlyargs + a.args
    defaults = [False] * (len(positional) - len(a.defaults)) + [True] * len(a.defaults)
    params = [(p.arg, "positional", d) for p, d in zip(positional, defaults)]
    if a.vararg:
        params.append((a.vararg.arg, "*", False))
    params += [(p.arg, "keyword", d is not None) for p, d in zip(a.kwonlyargs, a.kw_defaults)]
    if a.kwarg:
        params.append((a.kwarg.arg, "**", False))
    return params


def unannotated(function):
    a = function.args
    every = a.posonlyargs + a.args + a.kwonlyargs + [p for p in (a.vararg, a.kwarg) if p]
    missing = [p.arg for i, p in enumerate(every) if p.annotation is None and not (i == 0 and p.arg in ("self", "cls"))]
    if function.returns is None:
        missing.append("return")
    return missing


class Module:
    """Classes and functions defined at the top of one source or stub file."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.tree = ast.parse(f.read(), path)
        self.classes = {n.name: n for n in self.tree.body if isinstance(n, ast.ClassDef)}
        self.functions = {n.name: n for n in self.tree.body if isinstance(n, ast.FunctionDef)}
        self.assigned = set()
        for n in self.tree.body:
            targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(n, ast.AnnAssign) else []
            self.assigned |= {t.id for t in targets if isinstance(t, ast.Name)}

    def all_names(self):
        for n in self.tree.body:
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets):
                return [e.value for e in n.value.elts]
        return []


def methods(cls, classes):
    """The methods of a class, with those of its bases found in `classes` (the package's own)."""
    found = {}
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            found.update(methods(classes[base.id], classes))
    found.update({n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)})
    return found


def main():
    package = sys.argv[1]
    problems = []
    if not os.path.isfile(os.path.join(package, "py.typed")):
        problems.append("py.typed is missing")
    sources, stubs = {}, {}
    for path in sorted(glob.glob(os.path.join(package, "*.py"))):
        name = os.path.basename(path)[:-3]
        sources[name] = Module(path)
        if not os.path.isfile(path + "i"):
            problems.append("%s.py has no stub %s.pyi" % (name, name))
            continue
        stubs[name] = Module(path + "i")
    source_classes = {n: c for m in sources.values() for n, c in m.classes.items()}
    stub_classes = {n: c for m in stubs.values() for n, c in m.classes.items()}

    for name, module in sources.items():
        if not ast.get_docstring(module.tree):
            problems.append("module %s has no docstring" % name)
        stub = stubs.get(name)
        if stub is None:
            continue
        for exported in module.all_names():
            if exported not in stub.classes and exported not in stub.functions and exported not in stub.assigned:
                problems.append("%s.pyi does not declare %s (in __all__)" % (name, exported))
        for fname, function in module.functions.items():
            if not public(fname):
                continue
            if not ast.get_docstring(function):
                problems.append("%s.%s() has no docstring" % (name, fname))
            stubbed = stub.functions.get(fname)
            if stubbed is None:
                problems.append("%s.pyi does not declare %s()" % (name, fname))
                continue
            if signature(stubbed) != signature(function):
                problems.append("%s.pyi: %s() has parameters %s, the module %s" %
                                (name, fname, signature(stubbed), signature(function)))
        for cname, cls in module.classes.items():
            if not public(cname):
                continue
            if not ast.get_docstring(cls):
                problems.append("class %s.%s has no docstring" % (name, cname))
            if cname not in stub.classes:
                problems.append("%s.pyi does not declare class %s" % (name, cname))
                continue
            stub_methods = methods(stub.classes[cname], stub_classes)
            for mname, method in methods(cls, source_classes).items():
                if not public(mname):
                    continue
                where = "%s.%s.%s" % (name, cname, mname)
                if mname not in API_DUNDERS and not ast.get_docstring(method):
                    problems.append(where + "() has no docstring")
                stubbed = stub_methods.get(mname)
                if stubbed is None:
                    problems.append("%s.pyi does not declare %s.%s()" % (name, cname, mname))
                elif signature(stubbed) != signature(method):
                    problems.append("%s.pyi: %s() has parameters %s, the module %s" %
                                    (name, where, signature(stubbed), signature(method)))
            for mname in methods(stub.classes[cname], stub_classes):
                if public(mname) and mname not in methods(cls, source_classes):
                    problems.append("%s.pyi declares %s.%s(), which the module lacks" % (name, cname, mname))
        for fname in stub.functions:
            if public(fname) and fname not in module.functions:
                problems.append("%s.pyi declares %s(), which the module lacks" % (name, fname))
        for cname in stub.classes:
            if public(cname) and cname not in module.classes and cname not in module.assigned:
                problems.append("%s.pyi declares class %s, which the module lacks" % (name, cname))

    for name, stub in stubs.items():
        functions = list(stub.functions.values()) + [m for c in stub.classes.values() for m in c.body
                                                     if isinstance(m, ast.FunctionDef)]
        for function in functions:
            missing = unannotated(function)
            if missing:
                problems.append("%s.pyi: %s() lacks annotations for %s" % (name, function.name, ", ".join(missing)))

    for problem in problems:
        print("FAIL " + problem)
    print("%d modules, %d problems" % (len(sources), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
