"""How a Python peer of `mlmp compare` is configured, and what its libraries report back.

Imported by the peer scripts beside it (torch_bench.py, sklearn_linear.py, sklearn_kernel_bench.py).
Each script applies its peer's documented thread configuration before any work and adds the dictionary
returned here under the "config" key of the JSON object it prints; `mlmp compare` prints it in its table.

Sources of the configurations (cited in the printed configuration too):
  PyTorch  https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html
           ("avoid oversubscription"; torch.set_num_threads sets the intra-op threads, the inter-op pool
           only serves forked JIT work, which eager training does not do) and
           https://pytorch.org/docs/stable/generated/torch.set_num_threads.html (call it before any work).
           Debian's torch runs its ops on OpenMP threads and calls a pthread OpenBLAS for GEMMs: one BLAS
           thread under torch's OpenMP threads, or the two pools oversubscribe the cores.
           https://pytorch.org/tutorials/recipes/recipes/tuning_guide.html ("Switch Memory allocator": jemalloc
           or TCMalloc): `mlmp compare` preloads TCMalloc (Debian's libtcmalloc-minimal4) when it is installed
           (jemalloc ran PyTorch's LeNet and AlexNet several times slower here), and sets glibc's malloc trim and
           mmap thresholds in GLIBC_TUNABLES for it either way. The allocator found in the process is printed.
  scikit-learn  https://scikit-learn.org/stable/computing/parallelism.html (OpenMP and BLAS threads are
           set by environment variables or threadpoolctl; n_jobs only drives joblib, unused here).
"""
import os
import re
import sys

TORCH_DOCS = "https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html"
SKLEARN_DOCS = "https://scikit-learn.org/stable/computing/parallelism.html"
TUNING_DOCS = "https://pytorch.org/tutorials/recipes/recipes/tuning_guide.html"
ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "MKL_NUM_THREADS", "GLIBC_TUNABLES", "LD_PRELOAD")


def allocator(maps_path="/proc/self/maps"):
    """The malloc this process runs on: a preloaded TCMalloc or jemalloc found among its mapped libraries, else glibc's."""
    try:
        with open(maps_path) as f:
            maps = f.read()
    except OSError:
        return "unknown (no %s)" % maps_path
    for name, lib in (("TCMalloc", "libtcmalloc"), ("jemalloc", "libjemalloc")):
        m = re.search(r"(/\S*%s\S*)" % lib, maps)
        if m:
            return "%s (%s)" % (name, m.group(1))
    return "glibc malloc"


def threadpools():
    """threadpoolctl's view of the native thread pools loaded in this process (None without threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return [{k: p.get(k) for k in ("user_api", "internal_api", "version", "threading_layer", "architecture",
                                   "num_threads")}
            for p in threadpool_info()]


def pools_text(pools):
    if pools is None:
        return "not installed"
    return ", ".join("%s %s%s%s %s thread(s)" % (
        p["internal_api"], p["version"] or "", " " + p["threading_layer"] if p.get("threading_layer") else "",
        " kernel " + p["architecture"] if p.get("architecture") else "", p["num_threads"]) for p in pools)


def env_text(env):
    return " ".join("%s=%s" % (k, v) for k, v in env.items() if v is not None) or "(none set)"


def limit_blas(threads):
    """Caps the BLAS pools at `threads` with threadpoolctl (kept for the process), if it is installed."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    return threadpool_limits(limits=threads, user_api="blas")


def base(docs):
    return {"python": sys.executable, "env": {k: os.environ.get(k) for k in ENV}, "docs": docs}


def torch_config(torch):
    """What torch reports about its threads and its BLAS, after configure_torch."""
    info = torch.__config__.parallel_info().splitlines()
    blas = ["%s=%s" % m for m in re.findall(r"\b(BLAS_INFO|LAPACK_INFO)=([^,\s]+)", torch.__config__.show())]
    out = base(TORCH_DOCS)
    out.update(torch=torch.__version__, intra_op_threads=torch.get_num_threads(),
               inter_op_threads=torch.get_num_interop_threads(),
               parallel_info=[line.strip() for line in info if "get_num" in line or "backend" in line
                              or "omp_get_max_threads" in line],
               blas=blas, threadpools=threadpools(), malloc=allocator())
    out["summary"] = "torch %s (%s), intra-op %d, inter-op %d, %s, %s; threadpoolctl: %s; malloc: %s; env %s; per %s, %s" % (
        torch.__version__, sys.executable, out["intra_op_threads"], out["inter_op_threads"],
        "; ".join(out["parallel_info"][2:]), " ".join(blas), pools_text(out["threadpools"]), out["malloc"],
        env_text(out["env"]), TORCH_DOCS, TUNING_DOCS)
    return out


def configure_torch(torch, threads, blas_threads=1):
    """The documented configuration: `threads` intra-op threads, one inter-op thread, one BLAS thread.

    `blas_threads` = `threads` only for a bare GEMM (torch.mm alone: no OpenMP region around the BLAS call,
    so OpenBLAS's own threads are the parallelism; `mlmp compare` sets OPENBLAS_NUM_THREADS to match).

    OPENBLAS_NUM_THREADS=1 is set by `mlmp compare` before the interpreter starts; threadpoolctl caps the
    BLAS pool again here so that running the script by hand is configured the same way.
    """
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    limit_blas(blas_threads)
    return torch_config(torch)


def configure_sklearn(threads):
    """scikit-learn's documented configuration: `threads` BLAS and OpenMP threads (no joblib workers)."""
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=threads)
    except ImportError:
        pass
    import sklearn
    out = base(SKLEARN_DOCS)
    out.update(sklearn=sklearn.__version__, threads=threads, n_jobs=None, threadpools=threadpools())
    out["summary"] = "scikit-learn %s (%s), n_jobs None, threadpoolctl limit %d: %s; env %s; per %s" % (
        sklearn.__version__, sys.executable, threads, pools_text(out["threadpools"]), env_text(out["env"]), SKLEARN_DOCS)
    return out


def openblas_kernels():
    """The OpenBLAS libraries numpy loads (Debian's, the one PyTorch 1.13 and scikit-learn call too): version and the
    kernel each chose for this processor, as `mlmp compare` reads them before configuring its Python peers."""
    import numpy  # noqa: F401  (loads the BLAS, so that threadpoolctl sees it)
    pools = threadpools() or []
    return [{"version": p["version"], "architecture": p["architecture"]} for p in pools
            if p.get("internal_api") == "openblas"]


if __name__ == "__main__":
    import json
    if sys.argv[1:] != ["openblas"]:
        raise SystemExit("usage: peer_config.py openblas  (prints the kernel of each OpenBLAS numpy loads, as JSON)")
    print(json.dumps({"openblas": openblas_kernels()}))
