#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fails when a C or C++ source of the project differs from what the repo's .clang-format makes
of it, so formatting never drifts one file at a time. Usage: check_format.py CLANG_FORMAT ROOT"""
import os
import subprocess
import sys

DIRECTORIES = ("include", "src", "capi", "tests", "examples", "bench")
EXTENSIONS = (".c", ".h", ".cpp", ".hpp")


def sources(root):
    for top in DIRECTORIES:
        for base, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(EXTENSIONS):
                    yield os.path.join(base, name)


def main():
    clang_format, root = sys.argv[1], sys.argv[2]
    files = list(sources(root))
    if not files:
        print("no sources found under " + root)
        return 1
    run = subprocess.run([clang_format, "--dry-run", "--Werror", "--style=file", *files],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    unformatted = sorted({line.split(":", 1)[0] for line in run.stdout.splitlines()
                          if ": error:" in line})
    for path in unformatted:
        print("not formatted: " + os.path.relpath(path, root))
    print(f"{len(files)} files checked, {len(unformatted)} not formatted"
          + ("" if not unformatted else " (fix: clang-format -i <file>)"))
    return 1 if run.returncode != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
