# CUDA: kernels build wherever nvcc exists; a GPU is needed only to run them.
# Architecture: sm_90 (H100/H200, the fleet) as SASS plus compute_90 PTX so newer GPUs can JIT.
# Override with -DCMAKE_CUDA_ARCHITECTURES="80;90" for other fleets (each adds compile time).
if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
  set(CMAKE_CUDA_ARCHITECTURES "90")
endif()
enable_language(CUDA)
# CMake 3.25 does not know nvcc 13's C++20 flag; the kernels include host API headers that use
# std::span, so tell CMake how nvcc spells it.
set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
list(APPEND CMAKE_CUDA_COMPILE_FEATURES cuda_std_20)
set(CMAKE_CUDA_STANDARD 20)
set(CMAKE_CUDA_STANDARD_REQUIRED ON)
find_package(CUDAToolkit REQUIRED)
