#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The `api-docs` test: the C++ API reference builds without a single doxygen warning, and every
public declaration of include/kvbridge carries a doc comment.

Doxygen's own check (WARN_IF_UNDOCUMENTED, WARN_NO_PARAMDOC) covers classes, functions with their
parameters and return values, fields and type aliases, but stays silent about enumerators and
about constructors, destructors and assignments declared `= default`. A second, quiet run
extracts everything to XML and looks for those. Exits 77 (skipped) without doxygen.

Usage: check_docs.py DOXYFILE OUTPUT_DIR [DOXYGEN]
"""
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

SKIP = 77


def run_doxygen(doxygen, doxyfile, overrides):
    """Doxygen over the configured Doxyfile with @p overrides appended (later settings win)."""
    config = pathlib.Path(doxyfile).read_text() + "".join(f"\n{k} = {v}" for k, v in overrides.items())
    return subprocess.run([doxygen, "-"], input=config.encode(), check=False).returncode


def described(element):
    return any(
        "".join(part.itertext()).strip()
        for tag in ("briefdescription", "detaileddescription", "inbodydescription")
        if (part := element.find(tag)) is not None
    )


def undocumented(xml_dir, source_root):
    """Public declarations with no doc comment at all; overrides inherit their base's."""
    found = set()
    for path in sorted(pathlib.Path(xml_dir).glob("*.xml")):
        if path.name == "index.xml":
            continue
        for compound in ET.parse(path).getroot().iter("compounddef"):
            scope = compound.findtext("compoundname")
            for member in compound.iter("memberdef"):
                if member.get("prot") not in ("public", "protected"):
                    continue
                where = member.find("location")
                place = f"{where.get('file').replace(source_root + '/', '')}:{where.get('line')}"
                name = f"{scope}::{member.findtext('name')}{member.findtext('argsstring') or ''}"
                if not described(member) and member.find("reimplements") is None:
                    found.add(f"{place}: warning: {name} ({member.get('kind')}) is not documented")
                for value in member.iter("enumvalue"):
                    if not described(value):
                        found.add(f"{place}: warning: enumerator {scope}::{member.findtext('name')}::"
                                  f"{value.findtext('name')} is not documented")
    return sorted(found)


def main(argv):
    if len(argv) < 4 or not argv[3]:
        print("SKIP: doxygen is not installed (scripts/install-deps.sh installs it): API docs not checked")
        return SKIP
    doxyfile, out, doxygen = pathlib.Path(argv[1]), pathlib.Path(argv[2]), argv[3]
    source_root = str(pathlib.Path(__file__).resolve().parent.parent)
    out.mkdir(parents=True, exist_ok=True)
    log = out / "warnings.log"
    log.unlink(missing_ok=True)

    # The Doxyfile as configured, its output sent here so that `ninja docs` is not disturbed.
    status = run_doxygen(doxygen, doxyfile, {"OUTPUT_DIRECTORY": out, "WARN_LOGFILE": log})
    problems = [line for line in log.read_text().splitlines() if line.strip()] if log.exists() else []

    xml_status = run_doxygen(doxygen, doxyfile, {
        "OUTPUT_DIRECTORY": out / "all", "EXTRACT_ALL": "YES", "GENERATE_HTML": "NO",
        "GENERATE_XML": "YES", "WARNINGS": "NO", "WARN_AS_ERROR": "NO", "WARN_LOGFILE": "",
    })
    if xml_status != 0:
        problems.append(f"error: the XML run of doxygen failed (exit {xml_status})")
    else:
        problems += undocumented(out / "all" / "xml", source_root)

    for line in problems:
        print(line)
    if status != 0 or problems:
        print(f"FAIL: doxygen exit {status}, {len(problems)} problem line(s): every public declaration in "
              "include/kvbridge needs a doc comment, with its parameters and return value")
        return 1
    print(f"OK: every public declaration is documented; the API reference is {out / 'html' / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
