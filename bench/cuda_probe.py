#!/usr/bin/python3
"""Which GPUs can run the CUDA kernels that ND4J's CUDA backend ships, and what the driver says.

libnd4j, the native half of ND4J, carries its CUDA kernels in the `.nv_fatbin` section of
libnd4jcuda.so: a list of fat binaries, each holding the same kernels compiled once per target,
either as machine code (SASS, an ELF cubin for one `sm_XY`) or as PTX that the driver compiles
when the program loads. A GPU of compute capability X.Y can run SASS built for X.y with y <= Y
(same major version), or PTX built for any capability up to X.Y; nothing else.

This script reads the library straight from the nd4j-cuda native jar (or an extracted .so),
counts the fat binaries' entries by kind and target, and says whether a GPU of `--sm` can run
them. With `--load` it also asks the CUDA driver of this machine (libcuda.so.1, through ctypes;
no CUDA toolkit needed) to load some of the fat binaries as modules, which is what the CUDA
runtime does before the first kernel launch, and prints the driver's answer for each. With
`--controls` (needs nvcc) it loads three one-kernel fat binaries built here the same way, SASS
for sm_80 only, PTX for compute_80 only, SASS for this GPU, to show what the answers mean.

    python3 bench/cuda_probe.py [--jar JAR | --library SO] [--sm 90] [--dump DIR --count N]
    python3 bench/cuda_probe.py --fatbins DIR --load [--controls]

The default jar is the one `mvn -Dcuda` puts in the local Maven repository.
"""
import argparse
import collections
import ctypes
import glob
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

DEFAULT_JAR = os.path.expanduser(
    "~/.m2/repository/org/nd4j/nd4j-cuda-11.6/1.0.0-M2.1/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar")
LIBRARY_IN_JAR = "org/nd4j/linalg/jcublas/bindings/linux-x86_64/libnd4jcuda.so"
FATBIN_MAGIC = 0xBA55ED50
KINDS = {1: "PTX", 2: "SASS"}


def read_library(jar, library):
    if library:
        with open(library, "rb") as f:
            return f.read(), library
    if not os.path.isfile(jar):
        sys.exit(f"no nd4j-cuda native jar at {jar}: build once with `mvn -Dcuda -pl cli -am package -DskipTests`"
                 " (it downloads it), or name it with --jar, or an extracted libnd4jcuda.so with --library")
    with zipfile.ZipFile(jar) as z:
        try:
            return z.read(LIBRARY_IN_JAR), f"{jar}!/{LIBRARY_IN_JAR}"
        except KeyError:
            sys.exit(f"{jar} holds no {LIBRARY_IN_JAR}: is it the linux-x86_64 native jar of nd4j-cuda?")


def fatbin_section(elf):
    """(offset, size) of the ELF64 section .nv_fatbin."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        sys.exit("not a 64-bit ELF shared library")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)

    def header(i):
        name, _, _, _, offset, size = struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize)
        return name, offset, size

    _, str_off, _ = header(shstrndx)
    for i in range(shnum):
        name, offset, size = header(i)
        end = elf.index(b"\0", str_off + name)
        if elf[str_off + name:end] == b".nv_fatbin":
            return offset, size
    sys.exit("the library has no .nv_fatbin section: it holds no CUDA kernels")


def fat_binaries(elf):
    """Each fat binary of .nv_fatbin as (bytes, [(kind, sm, payload bytes)])."""
    offset, size = fatbin_section(elf)
    end, p, out = offset + size, offset, []
    while p + 16 <= end:
        magic, _, header_size, fat_size = struct.unpack_from("<IHHQ", elf, p)
        if magic != FATBIN_MAGIC:  # padding between fat binaries (they are 8-byte aligned)
            p += 8
            continue
        q, stop, entries = p + header_size, p + header_size + fat_size, []
        while q < stop:
            kind, _, entry_header, payload = struct.unpack_from("<HHIQ", elf, q)
            sm, = struct.unpack_from("<I", elf, q + 28)
            entries.append((KINDS.get(kind, f"kind {kind}"), sm, payload))
            q += entry_header + payload
        if q != stop:
            sys.exit(f"fat binary at byte {p} does not end where its header says: not a layout this script knows")
        out.append((elf[p:stop], entries))
        p = stop
    return out


def runs_on(kind, sm, device_sm):
    if kind == "SASS":
        return sm // 10 == device_sm // 10 and sm <= device_sm
    return kind == "PTX" and sm <= device_sm


class Driver:
    """The few CUDA driver API calls needed to load a module, through ctypes."""

    def __init__(self):
        self.cuda = ctypes.CDLL("libcuda.so.1")
        self.check(self.cuda.cuInit(0), "cuInit")
        self.device = ctypes.c_int()
        self.check(self.cuda.cuDeviceGet(ctypes.byref(self.device), 0), "cuDeviceGet")
        major, minor = ctypes.c_int(), ctypes.c_int()
        # CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75, _MINOR = 76
        self.cuda.cuDeviceGetAttribute(ctypes.byref(major), 75, self.device)
        self.cuda.cuDeviceGetAttribute(ctypes.byref(minor), 76, self.device)
        self.sm = 10 * major.value + minor.value
        name = ctypes.create_string_buffer(256)
        self.cuda.cuDeviceGetName(name, 256, self.device)
        self.name = name.value.decode()
        version = ctypes.c_int()
        self.cuda.cuDriverGetVersion(ctypes.byref(version))
        self.version = f"{version.value // 1000}.{version.value % 1000 // 10}"
        context = ctypes.c_void_p()
        self.check(self.cuda.cuDevicePrimaryCtxRetain(ctypes.byref(context), self.device), "cuDevicePrimaryCtxRetain")
        self.check(self.cuda.cuCtxSetCurrent(context), "cuCtxSetCurrent")

    def error(self, code):
        text = ctypes.c_char_p()
        self.cuda.cuGetErrorName(code, ctypes.byref(text))
        return f"{text.value.decode() if text.value else 'unknown'} ({code})"

    def check(self, code, call):
        if code != 0:
            sys.exit(f"{call} failed: {self.error(code) if call != 'cuInit' else code}")

    def load(self, image):
        """The driver's answer to loading `image` as a module: 'CUDA_SUCCESS (0)' or its error."""
        module = ctypes.c_void_p()
        buffer = ctypes.create_string_buffer(image, len(image))
        code = self.cuda.cuModuleLoadFatBinary(ctypes.byref(module), buffer)
        if code == 0:
            self.cuda.cuModuleUnload(module)
        return self.error(code)


CONTROL_KERNEL = 'extern "C" __global__ void twice(float *x) { x[threadIdx.x] *= 2.0f; }\n'


def controls(driver):
    """Load three one-kernel fat binaries built here: what success and each failure look like."""
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "twice.cu")
        with open(source, "w") as f:
            f.write(CONTROL_KERNEL)
        sm = driver.sm
        for label, code in (("SASS sm_80 only", "arch=compute_80,code=sm_80"),
                            ("PTX compute_80 only", "arch=compute_80,code=compute_80"),
                            (f"SASS sm_{sm} only", f"arch=compute_{sm},code=sm_{sm}")):
            out = os.path.join(work, "twice.fatbin")
            subprocess.run(["nvcc", "-fatbin", "-gencode", code, "-o", out, source], check=True)
            with open(out, "rb") as f:
                print(f"  control, {label:<22} -> {driver.load(f.read())}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jar", default=DEFAULT_JAR, help="nd4j-cuda native jar (default: the local Maven repository's)")
    ap.add_argument("--library", help="an extracted libnd4jcuda.so instead of the jar")
    ap.add_argument("--sm", type=int, default=90, help="compute capability to judge, as 10 * major + minor (default 90)")
    ap.add_argument("--dump", help="write fat binaries to this folder as fatbin-NNN.bin")
    ap.add_argument("--count", type=int, default=4, help="how many to --dump, spread over the library (default 4)")
    ap.add_argument("--fatbins", help="with --load: load the fat binaries in this folder instead of the library's")
    ap.add_argument("--load", action="store_true", help="load fat binaries with this machine's CUDA driver")
    ap.add_argument("--controls", action="store_true", help="with --load: also load three control kernels (needs nvcc)")
    a = ap.parse_args()

    images = []
    if a.fatbins:
        for path in sorted(glob.glob(os.path.join(a.fatbins, "fatbin-*.bin"))):
            with open(path, "rb") as f:
                images.append((os.path.basename(path), f.read()))
        if not images:
            sys.exit(f"no fatbin-*.bin in {a.fatbins}")
    else:
        elf, where = read_library(a.jar, a.library)
        binaries = fat_binaries(elf)
        tally, sizes = collections.Counter(), collections.Counter()
        for _, entries in binaries:
            for kind, sm, payload in entries:
                tally[(kind, sm)] += 1
                sizes[(kind, sm)] += payload
        print(f"{where}: {len(elf):,} bytes, {len(binaries)} fat binaries")
        print(f"  {'kind':<5} {'target':<7} {'entries':>7} {'bytes':>13}  runs on sm_{a.sm}")
        for (kind, sm) in sorted(tally, key=lambda k: (k[1], k[0])):
            ok = "yes" if runs_on(kind, sm, a.sm) else "no"
            print(f"  {kind:<5} sm_{sm:<4} {tally[(kind, sm)]:>7} {sizes[(kind, sm)]:>13,}  {ok}")
        runnable = sum(1 for _, entries in binaries if any(runs_on(k, s, a.sm) for k, s, _ in entries))
        print(f"fat binaries with an entry a GPU of sm_{a.sm} can run: {runnable} of {len(binaries)}")
        if a.dump:
            os.makedirs(a.dump, exist_ok=True)
            step = max(1, len(binaries) // max(1, a.count))
            for i in range(0, len(binaries), step)[:a.count]:
                with open(os.path.join(a.dump, f"fatbin-{i:03d}.bin"), "wb") as f:
                    f.write(binaries[i][0])
            print(f"wrote {min(a.count, len(binaries))} fat binaries to {a.dump}")
        images = [(f"fat binary {i}", image) for i, (image, _) in enumerate(binaries)][:a.count]
    if a.load:
        driver = Driver()
        print(f"CUDA driver {driver.version}, device 0: {driver.name}, sm_{driver.sm}")
        for label, image in images:
            print(f"  {label:<32} -> {driver.load(image)}")
        if a.controls:
            controls(driver)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
