# Every public header compiles on its own (style.md convention 2): one generated translation
# unit per header under lib/ (detail/ and cuda/ excluded), built as an object library.
file(GLOB_RECURSE _vseal_public_headers RELATIVE ${CMAKE_SOURCE_DIR}/lib
     ${CMAKE_SOURCE_DIR}/lib/*.hpp)
list(FILTER _vseal_public_headers EXCLUDE REGEX "(^|/)(detail|cuda)/")
if(NOT VC_HDF5)
  list(FILTER _vseal_public_headers EXCLUDE REGEX "^io/h5_layers.hpp$")
endif()
set(_header_check_sources "")
foreach(header ${_vseal_public_headers})
  string(MAKE_C_IDENTIFIER ${header} _id)
  set(_tu ${CMAKE_BINARY_DIR}/header_check/${_id}.cpp)
  file(CONFIGURE OUTPUT ${_tu} CONTENT "#include \"${header}\"\n")
  list(APPEND _header_check_sources ${_tu})
endforeach()
add_library(vseal_header_check OBJECT ${_header_check_sources})
target_include_directories(vseal_header_check PRIVATE ${CMAKE_SOURCE_DIR}/lib)
target_link_libraries(vseal_header_check PRIVATE vseal_warnings vseal_options)
if(VC_MPI)
  # Headers of MPI-aware modules (the HDF5 layer store) include mpi.h.
  target_link_libraries(vseal_header_check PRIVATE MPI::MPI_C)
endif()
