# libharu installs no pkg-config file: find it by hand.
find_path(LIBHARU_INCLUDE_DIR hpdf.h)
find_library(LIBHARU_LIBRARY NAMES hpdf libhpdf)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibHaru DEFAULT_MSG LIBHARU_LIBRARY LIBHARU_INCLUDE_DIR)
if(LibHaru_FOUND AND NOT TARGET LibHaru::LibHaru)
  add_library(LibHaru::LibHaru UNKNOWN IMPORTED)
  set_target_properties(LibHaru::LibHaru PROPERTIES IMPORTED_LOCATION "${LIBHARU_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${LIBHARU_INCLUDE_DIR}")
endif()
