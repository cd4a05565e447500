#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""kvbridge --version, kvbridge(1) and the bash completion against what the CLI's --help says.

Usage: check_cli_docs.py KVBRIDGE MAN_PAGE COMPLETION VERSION
Every option of every command's --help must be in the man page and be completed for that command;
the man page and the completion may name no option the CLI does not have.
"""
import re
import subprocess
import sys

OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
COMMANDS = ("migrate", "inventory", "pools", "vault create", "access grant", "access list", "access revoke")


def run(*args):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)


def completions(completion, words):
    """What the completion function offers after `words` (the last one being typed)."""
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; '
              '_kvbridge; printf "%s\\n" "${COMPREPLY[@]}"')
    out = subprocess.run(["bash", "-c", script, "_", completion, *words], stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    return {line for line in out.splitlines() if line}


def main():
    cli, man_page, completion, version = sys.argv[1:5]
    failures = []

    shown = run(cli, "--version")
    if shown.returncode != 0 or shown.stdout != "kvbridge %s\n" % version:
        failures.append("kvbridge --version printed %r (exit %d), not 'kvbridge %s'" %
                        (shown.stdout, shown.returncode, version))

    with open(man_page, encoding="utf-8") as f:
        man = f.read().replace("\\-", "-")
    man_options = set(OPTION.findall(man))
    every_option = {"--help", "--version"}
    for command in COMMANDS:
        helped = run(cli, *command.split(), "--help")
        if helped.returncode != 0:
            failures.append("kvbridge %s --help exited %d" % (command, helped.returncode))
            continue
        options = set(OPTION.findall(helped.stdout))
        every_option |= options
        if not re.search(r"^\.B kvbridge %s$" % command, man, re.M) or "\n.B %s\n" % command not in man:
            failures.append("kvbridge(1) does not describe the command %s" % command)
        for option in sorted(options - man_options):
            failures.append("kvbridge(1) does not document %s (kvbridge %s --help has it)" % (option, command))
        offered = completions(completion, ["kvbridge", *command.split(), "--"])
        for option in sorted(options - offered):
            failures.append("the completion does not offer %s after 'kvbridge %s'" % (option, command))
        for option in sorted(offered - options - {"--help"}):
            failures.append("the completion offers %s after 'kvbridge %s', which does not take it" %
                            (option, command))
    for option in sorted(man_options - every_option):
        failures.append("kvbridge(1) documents %s, which no command takes" % option)
    first = completions(completion, ["kvbridge", ""])
    if first != {c.split()[0] for c in COMMANDS} | {"--help", "--version"}:
        failures.append("the completion offers %s as the first word" % sorted(first))

    for failure in failures:
        print("FAIL " + failure)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
