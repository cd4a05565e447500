#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The installed kvbridge used from outside the tree, the way each kind of user consumes it.

Usage (meson runs it under with_emulator.sh): consumer.py KIND SOURCE_ROOT BUILD_ROOT WORK_DIR VERSION
KIND is one of:
  layout      the install holds the libraries, headers, package files, CLI, manual and completion,
              and no emulator; the installed kvbridge --version runs
  c           a C program built with `pkg-config kvbridge-c`
  cpp         a C++ program built with `pkg-config kvbridge` (no curl/OpenSSL/RapidJSON .pc visible)
  cmake       a CMake project with find_package(kvbridge 0.1 CONFIG): kvbridge::kvbridge (bringing
              C++20 itself) and kvbridge::kvbridge-c
  subproject  a meson project with kvbridge in subprojects/: only the libraries are built, and the
              parent's -Dwerror=false holds for its own code
  pip         `pip install --no-build-isolation` of the tree into a venv, then import kvbridge
  csharp      a C# program compiled against the installed KvBridge.dll (mcs, pkg-config
              kvbridge-sharp), run with libkvbridge-c.so.0 only (no development symlink)
Each consumer program sets and reads a secret on the emulator. The install is `meson install
--destdir` of the already-built tree into WORK_DIR/KIND; the subproject and pip kinds compile the
library again (that is what they test) in build folders kept under WORK_DIR, so a rerun only
rebuilds what changed.
"""
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Top-level entries of the source tree a copy leaves out: build outputs and version control.
SKIPPED_TOP = (".git", ".cache")
SKIPPED_TOP_PREFIXES = ("build", ".mesonpy")


def skipped_at_top(name):
    return name in SKIPPED_TOP or name.startswith(SKIPPED_TOP_PREFIXES)


class Failure(Exception):
    pass


def run(args, cwd=None, env=None, log=None):
    """Run a command; on failure raise with its output (or the log file it went to)."""
    start = time.monotonic()
    printable = " ".join(str(a) for a in args)
    if log is None:
        done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = done.stdout
    else:
        with open(log, "w") as out:
            done = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        with open(log) as out:
            output = out.read()
    print("+ %s (%.1f s)" % (printable, time.monotonic() - start), flush=True)
    if done.returncode != 0:
        tail = "\n".join(output.splitlines()[-60:])
        raise Failure("%s exited %d%s\n%s" % (printable, done.returncode, " (log: %s)" % log if log else "", tail))
    return output


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


class Install:
    """`meson install --destdir` of the built tree, and where its parts landed."""

    def __init__(self, build, work):
        options = {o["name"]: o["value"] for o in introspect(build, "buildoptions")}
        self.destdir = fresh_dir(os.path.join(work, "destdir"))
        run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", self.destdir])
        self.root = self.destdir + options["prefix"]

        def under(option):
            value = options[option]
            return value if os.path.isabs(value) else os.path.join(options["prefix"], value)

        self.libdir = self.destdir + under("libdir")
        self.includedir = self.destdir + under("includedir")
        self.bindir = self.destdir + under("bindir")
        self.mandir = self.destdir + under("mandir")
        self.datadir = self.destdir + under("datadir")

    def pkg_config(self, *args):
        """pkg-config seeing only this install's .pc files (as a machine without the -dev packages of
        curl, OpenSSL and RapidJSON would), its prefix moved under the destdir."""
        env = dict(os.environ, PKG_CONFIG_LIBDIR=os.pathsep.join(
            [os.path.join(self.libdir, "pkgconfig"), os.path.join(self.datadir, "pkgconfig")]))
        env.pop("PKG_CONFIG_PATH", None)
        return run(["pkg-config", "--define-variable=prefix=" + self.root, *args], env=env).split()

    def runtime_env(self):
        """The environment of a program using the installed libraries, as after ldconfig."""
        return dict(os.environ, LD_LIBRARY_PATH=self.libdir)


def introspect(build, what):
    """One of meson's introspection documents of a configured build folder."""
    with open(os.path.join(build, "meson-info", "intro-%s.json" % what)) as f:
        return json.load(f)


def compilers():
    """The C and C++ compilers the tree was built with (KVB_CC, KVB_CXX), without a ccache wrapper."""
    strip = lambda command: [w for w in command.split() if os.path.basename(w) not in ("ccache", "sccache")]
    return strip(os.environ["KVB_CC"]), strip(os.environ["KVB_CXX"])


def copy_source(source, destination):
    """Bring `destination` to a copy of the source tree without build outputs, as a user's own
    checkout would be. Files that did not change are left alone (and times are kept), so a rerun's
    build only redoes what changed, and what meson-python keeps beside the tree (.mesonpy-*) stays."""
    wanted = set()
    for base, dirs, files in os.walk(source):
        relative = os.path.relpath(base, source)
        if relative == ".":
            dirs[:] = [d for d in dirs if not skipped_at_top(d)]
            files = [f for f in files if not skipped_at_top(f)]
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        os.makedirs(os.path.join(destination, relative), exist_ok=True)
        for name in files:
            origin, copy = os.path.join(base, name), os.path.normpath(os.path.join(destination, relative, name))
            wanted.add(copy)
            known = os.stat(copy) if os.path.lexists(copy) else None
            found = os.stat(origin)
            if known is None or known.st_size != found.st_size or known.st_mtime_ns != found.st_mtime_ns:
                shutil.copy2(origin, copy)
    for base, dirs, files in os.walk(destination):
        if base == destination:
            dirs[:] = [d for d in dirs if not skipped_at_top(d)]
            files = [f for f in files if not skipped_at_top(f)]
        for name in files:
            if os.path.join(base, name) not in wanted:
                os.remove(os.path.join(base, name))
    return destination


def check_layout(inst, version):
    expected = [
        os.path.join(inst.bindir, "kvbridge"),
        os.path.join(inst.libdir, "libkvbridge.so.0"),
        os.path.join(inst.libdir, "libkvbridge-c.so.0"),
        # The C umbrella header and the part of each area it includes.
        *[os.path.join(inst.includedir, "kvbridge", h + ".h") for h in
          ("kvbridge", "core", "credentials", "pki", "secrets", "keys", "certificates", "batch", "migrate")],
        os.path.join(inst.includedir, "kvbridge", "version.hpp"),
        os.path.join(inst.includedir, "kvbridge", "keyvault", "secret_client.hpp"),
        os.path.join(inst.libdir, "pkgconfig", "kvbridge.pc"),
        os.path.join(inst.libdir, "pkgconfig", "kvbridge-c.pc"),
        os.path.join(inst.libdir, "cmake", "kvbridge", "kvbridgeConfig.cmake"),
        os.path.join(inst.libdir, "cmake", "kvbridge", "kvbridgeConfigVersion.cmake"),
        os.path.join(inst.mandir, "man1", "kvbridge.1"),
        os.path.join(inst.datadir, "bash-completion", "completions", "kvbridge"),
    ]
    missing = [p for p in expected if not os.path.exists(p)]
    if missing:
        raise Failure("not installed: " + ", ".join(os.path.relpath(p, inst.destdir) for p in missing))
    installed = [os.path.relpath(os.path.join(d, f), inst.destdir) for d, _, files in os.walk(inst.destdir)
                 for f in files]
    leaked = [p for p in installed if "emulator" in p or "/tests/" in p or "doctest" in p]
    if leaked:
        raise Failure("installed but test-only: " + ", ".join(leaked))
    shown = run([os.path.join(inst.bindir, "kvbridge"), "--version"], env=inst.runtime_env()).strip()
    if shown != "kvbridge " + version:
        raise Failure("installed kvbridge --version printed %r" % shown)
    print("layout: %d files installed, no emulator; %s" % (len(installed), shown))


def emulator_run(program, env=None):
    """Run a consumer program; it talks to the emulator of with_emulator.sh."""
    print(run(program, env=env).strip())


def check_c(inst, work):
    cc, _ = compilers()
    exe = os.path.join(work, "consumer_c")
    run(cc + ["-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror", os.path.join(HERE, "c", "consumer.c"),
              "-o", exe] + inst.pkg_config("--cflags", "--libs", "kvbridge-c"))
    emulator_run([exe], env=inst.runtime_env())


def check_cpp(inst, work):
    _, cxx = compilers()
    exe = os.path.join(work, "consumer_cpp")
    run(cxx + ["-std=c++20", "-Wall", "-Wextra", "-Werror", os.path.join(HERE, "cpp", "consumer.cpp"), "-o", exe] +
        inst.pkg_config("--cflags", "--libs", "kvbridge"))
    emulator_run([exe], env=inst.runtime_env())


def check_cmake(inst, work):
    cc, cxx = compilers()
    binary = fresh_dir(os.path.join(work, "cmake-build"))
    env = dict(os.environ, CC=cc[0], CXX=cxx[0])
    run(["cmake", "-S", os.path.join(HERE, "cmake"), "-B", binary, "-G", "Ninja",
         "-DCMAKE_PREFIX_PATH=" + inst.root, "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"], env=env,
        log=os.path.join(work, "cmake-configure.log"))
    run(["cmake", "--build", binary, "-j", "2"], env=env, log=os.path.join(work, "cmake-build.log"))
    # The imported targets' locations give both programs a build RPATH to the install.
    emulator_run([os.path.join(binary, "consumer_cpp")])
    emulator_run([os.path.join(binary, "consumer_c")])


# The library compiled again unoptimized: what these tests check does not depend on it, and it
# costs a third of the CPU time of -O2 -g.
UNOPTIMIZED = ["-Doptimization=0", "-Ddebug=false"]

SUBPROJECT_WRAP = """[wrap-git]
url = https://example.invalid/kvbridge.git
revision = head

[provide]
dependency_names = kvbridge, kvbridge-c
"""


def check_subproject(source, work):
    parent = os.path.join(work, "parent")
    os.makedirs(os.path.join(parent, "subprojects"), exist_ok=True)
    for part in ("c", "cpp"):
        shutil.rmtree(os.path.join(parent, part), ignore_errors=True)
        shutil.copytree(os.path.join(HERE, part), os.path.join(parent, part))
    for name in ("meson.build", "parent_warning.c"):
        shutil.copy2(os.path.join(HERE, "subproject", name), parent)
    with open(os.path.join(parent, "subprojects", "kvbridge.wrap"), "w") as wrap:
        wrap.write(SUBPROJECT_WRAP)
    copy_source(source, os.path.join(parent, "subprojects", "kvbridge"))
    build = os.path.join(work, "parent-build")
    if not os.path.exists(os.path.join(build, "build.ninja")):
        run(["meson", "setup", build, parent, "--wrap-mode=nodownload", "-Dwerror=false", "-Dwarning_level=3"] +
            UNOPTIMIZED, log=os.path.join(work, "setup.log"))
    else:  # a kept folder: regenerate first if the tree changed, so introspection is current
        run(["ninja", "-C", build, "build.ninja"], log=os.path.join(work, "regenerate.log"))
    targets = introspect(build, "targets")
    ours = sorted(t["name"] for t in targets if t.get("subproject") == "kvbridge")
    if ours != ["kvbridge", "kvbridge-c", "kvbridge-c-documents", "kvbridge-internal"]:
        raise Failure("as a subproject kvbridge builds %s, not only its libraries" % ours)
    tests = introspect(build, "tests")
    if tests:
        raise Failure("as a subproject kvbridge registers tests: %s" % [t["name"] for t in tests])
    run(["ninja", "-C", build, "-j", "2"], log=os.path.join(work, "build.log"))
    emulator_run([os.path.join(build, "consumer_cpp")])
    emulator_run([os.path.join(build, "consumer_c")])


def check_pip(source, work, version):
    snapshot = copy_source(source, os.path.join(work, "source"))
    venv = os.path.join(work, "venv")
    shutil.rmtree(venv, ignore_errors=True)
    run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", venv])
    python = os.path.join(venv, "bin", "python")
    env = {k: v for k, v in os.environ.items() if k not in ("KVBRIDGE_LIBRARY", "PYTHONPATH", "LD_LIBRARY_PATH")}
    run([python, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps", "--no-cache-dir",
          "--config-settings=builddir=" + os.path.join(work, "wheel-build"),
         # meson-python sets debug=false itself; pip 23.0 keeps one value per key.
         "--config-settings=setup-args=" + UNOPTIMIZED[0], snapshot],
        env=env, log=os.path.join(work, "pip.log"))
    # Outside both trees, so only the installed package can be imported.
    emulator_run([python, os.path.join(HERE, "python", "check_installed.py"), version, venv],
                 env=dict(env, PYTHONNOUSERSITE="1"))


def check_csharp(inst, work):
    # Only the soname stays: the assembly must not need the development symlink.
    os.remove(os.path.join(inst.libdir, "libkvbridge-c.so"))
    exe = os.path.join(work, "Consumer.exe")
    run(["mcs", "-nologo", "-out:" + exe, *inst.pkg_config("--libs", "kvbridge-sharp"),
         os.path.join(HERE, "csharp", "Consumer.cs")])
    assemblies = inst.pkg_config("--variable=assemblies_dir", "kvbridge-sharp")[0]
    emulator_run(["mono", exe], env=dict(inst.runtime_env(), MONO_PATH=assemblies))


def main():
    kind, source, build, work, version = sys.argv[1:6]
    # meson test points the loader at the build tree: only the install may serve these programs.
    os.environ.pop("LD_LIBRARY_PATH", None)
    work = os.path.join(work, kind)
    os.makedirs(work, exist_ok=True)
    start = time.monotonic()
    try:
        if kind == "subproject":
            check_subproject(source, work)
        elif kind == "pip":
            check_pip(source, work, version)
        else:
            inst = Install(build, work)
            if kind == "layout":
                check_layout(inst, version)
            elif kind == "c":
                check_c(inst, work)
            elif kind == "cpp":
                check_cpp(inst, work)
            elif kind == "cmake":
                check_cmake(inst, work)
            elif kind == "csharp":
                check_csharp(inst, work)
            else:
                raise Failure("unknown consumer kind " + kind)
    except Failure as failure:
        print("FAIL consumer %s: %s" % (kind, failure))
        return 1
    print("consumer %s: ok in %.0f s" % (kind, time.monotonic() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
