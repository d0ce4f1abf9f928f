{
  "targets": [
    {
      "target_name": "faiss_node",
      "sources": ["node_modules/faiss-node/src/faiss.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_CPP_EXCEPTIONS", "NAPI_VERSION=8"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-frtti", "-O2", "-include", "<(module_root_dir)/src/faiss_compat.h", "-include", "<(module_root_dir)/src/faiss_tuning.h", "-include", "<(module_root_dir)/src/faiss_threads.h"],
      "libraries": ["-lfaiss", "-lopenblas", "-lgomp"]
    }
  ]
}
