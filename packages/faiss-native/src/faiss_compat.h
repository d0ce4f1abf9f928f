// FAISS 1.7.3 (Debian bookworm's libfaiss-dev) declares idx_t only inside faiss::Index;
// faiss-node's faiss.cc expects the namespace-level alias that FAISS 1.7.4 added.
// Passed to the compiler with -include so faiss.cc itself stays untouched.
#pragma once
#include <faiss/Index.h>
namespace faiss {
#if FAISS_VERSION_MAJOR == 1 && (FAISS_VERSION_MINOR < 7 || (FAISS_VERSION_MINOR == 7 && FAISS_VERSION_PATCH < 4))
using idx_t = Index::idx_t;
#endif
}
