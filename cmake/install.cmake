# install.cmake - what `cmake --install` puts where, and the .deb
# (`cpack -G DEB`). docs/install.md describes the result.
#
#   bin/vanban                         the program
#   lib/libvanban.so.N, libvanban.a    the library (shared, ABI number N; static)
#   lib/pkgconfig/vanban.pc            for pkg-config --cflags --libs vanban
#   lib/cmake/vanban/                  for find_package(vanban): vanban::vanban
#   include/vanban.h                   the one public header
#   share/vanban/{fonts,layouts,schema,data}  the data the program reads,
#                                      with the fonts' and data's licences
#   share/man/man1/vanban.1            the manual page
#   share/bash-completion/completions/vanban
#   share/locale/vi/LC_MESSAGES/vanban.mo  the messages in Vietnamese (cmake/i18n.cmake)
#
# The program and the library find share/vanban from their own place
# (../share/vanban), so the tree can be moved as a whole.

install(TARGETS vanban RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS vanban_core ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
if(TARGET vanban_shared)
  install(TARGETS vanban_shared EXPORT vanban-targets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  # find_package(vanban) for CMake projects, as md4c does: the target
  # vanban::vanban is the shared library with its header's folder.
  set_target_properties(vanban_shared PROPERTIES EXPORT_NAME vanban)
  install(EXPORT vanban-targets NAMESPACE vanban:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vanban
          FILE vanban-targets.cmake)
  include(CMakePackageConfigHelpers)
  file(WRITE ${CMAKE_BINARY_DIR}/vanban-config.cmake
       "include(\${CMAKE_CURRENT_LIST_DIR}/vanban-targets.cmake)\n")
  write_basic_package_version_file(${CMAKE_BINARY_DIR}/vanban-config-version.cmake
                                   VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_BINARY_DIR}/vanban-config.cmake ${CMAKE_BINARY_DIR}/vanban-config-version.cmake
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vanban)
endif()
install(FILES ${CMAKE_SOURCE_DIR}/src/vanban.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# The data, licences beside what they cover: fonts/LICENSE (the fonts'
# SIL OFL 1.1) stays in fonts/, the program's LICENSE goes to share/vanban
# and share/doc/vanban.
set(VB_DATADIR ${CMAKE_INSTALL_DATADIR}/vanban)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/fonts ${CMAKE_SOURCE_DIR}/layouts ${CMAKE_SOURCE_DIR}/schema
        DESTINATION ${VB_DATADIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/data/ DESTINATION ${VB_DATADIR}/data)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${VB_DATADIR} OPTIONAL)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.md")

install(FILES ${CMAKE_SOURCE_DIR}/man/vanban.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/completion/vanban.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME vanban)

# vanban.pc finds its prefix from its own place (${pcfiledir}), so it is
# right wherever the tree is installed: a temporary prefix, /usr/local, or
# /usr from the .deb.
set(VB_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH VB_PC_TO_PREFIX /prefix/${VB_PC_DIR} /prefix)
string(REGEX REPLACE "/$" "" VB_PC_TO_PREFIX "${VB_PC_TO_PREFIX}")
configure_file(${CMAKE_SOURCE_DIR}/cmake/vanban.pc.in ${CMAKE_BINARY_DIR}/vanban.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/vanban.pc DESTINATION ${VB_PC_DIR})

# ---- the .deb ---------------------------------------------------------------
set(CPACK_PACKAGE_NAME vanban)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "vanban maintainers <vanban@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Vietnamese administrative documents (Decree 30/2020/ND-CP) from XML to PDF and DOCX")
set(CPACK_PACKAGE_DESCRIPTION
    "vanban turns an XML description of a Vietnamese administrative document into a PDF\n\
and a DOCX laid out to Decree 30/2020/ND-CP, and checks documents against the\n\
decree's rules. It ships its fonts (Liberation Serif), layouts and schema, the\n\
library libvanban with its header and pkg-config file, a manual page and bash\n\
completion.")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends from the libraries the program and libvanban.so really link
# (dpkg-shlibdeps), so it is right on the Debian release that builds it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps cannot see the libraries opened when first needed
# (src/base/dl.h): their packages, asked of dpkg for the file each soname is.
set(vb_dl_packages "")
foreach(lib CAIRO MHD ZIP CRYPTO)
  if(VB_${lib}_SONAME)
    execute_process(COMMAND dpkg-query -S "*/${VB_${lib}_SONAME}" OUTPUT_VARIABLE out ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    string(REGEX MATCH "^[^:,]+" pkg "${out}")
    if(pkg)
      list(APPEND vb_dl_packages ${pkg})
    endif()
  endif()
endforeach()
list(REMOVE_DUPLICATES vb_dl_packages)
string(REPLACE ";" ", " CPACK_DEBIAN_PACKAGE_DEPENDS "${vb_dl_packages}")
# a shlibs file and the ldconfig trigger for libvanban.so.N
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/\\\\.git/")
include(CPack)
