# One warning set for every vseal target; -Werror unless VSEAL_WERROR is OFF.
add_library(vseal_warnings INTERFACE)
target_compile_options(vseal_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough>)
if(VSEAL_WERROR)
  target_compile_options(vseal_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
endif()

# Compile-time switches shared by every target.
add_library(vseal_options INTERFACE)
# vseal uses MPI's C API only; Open MPI's deprecated C++ bindings would need libmpi_cxx.
target_compile_definitions(vseal_options INTERFACE OMPI_SKIP_MPICXX=1 MPICH_SKIP_MPICXX=1)
if(VSEAL_PORTABLE_ONLY)
  target_compile_definitions(vseal_options INTERFACE VSEAL_PORTABLE_ONLY=1)
endif()
if(VSEAL_CHECKED)
  target_compile_definitions(vseal_options INTERFACE VSEAL_CHECKED=1)
endif()
if(VC_CUDA)
  target_compile_definitions(vseal_options INTERFACE VSEAL_HAVE_CUDA=1)
endif()
