# i18n.cmake - messages in Vietnamese through gettext (docs/messages.md).
#
#   po/vanban.pot   every message of the sources, extracted by xgettext
#                   (checked in; `cmake --build build --target pot` rewrites
#                   it, and the test i18n/po fails when it is out of date)
#   po/vi.po        the Vietnamese translations
#   build/locale/vi/LC_MESSAGES/vanban.mo   compiled from vi.po by msgfmt,
#                   found there by build/vanban; installed under
#                   share/locale/vi/LC_MESSAGES/vanban.mo

find_program(VB_XGETTEXT xgettext)
find_program(VB_MSGFMT msgfmt)
find_program(VB_MSGMERGE msgmerge)
if(NOT VB_MSGFMT)
  message(FATAL_ERROR "msgfmt not found: install the gettext package (scripts/deps)")
endif()

set(VB_LOCALE_BUILD_DIR ${CMAKE_BINARY_DIR}/locale)
target_compile_definitions(vanban_usage INTERFACE VB_INSTALL_LOCALEDIR="${CMAKE_INSTALL_FULL_LOCALEDIR}"
                           VB_BUILD_LOCALEDIR="${VB_LOCALE_BUILD_DIR}")

# The functions that take a message (translated where it is printed):
# xgettext extracts their arguments at these positions. A new function
# that passes its argument on to vb_diag_emit (or to _()) goes here.
set(VB_XGETTEXT_KEYWORDS
    _ N_ vb_diag_emit:4 vb_ck_emit:4 vb_bld_err_off:5 vb_bld_err_node:4 fail_at:4 vb_ck_run:4
    vb_bld_check_empty:3 read_fixed:4 usage_error:1 nomem:2 set_why:3 T:2 VB_MSG:2 vb_cmd_usage_error:1)
set(VB_XGETTEXT_FLAGS vb_diag_emit:4:c-format vb_ck_emit:4:c-format vb_bld_err_off:5:c-format
    vb_bld_err_node:4:c-format fail_at:4:c-format)
set(VB_XGETTEXT_ARGS --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --add-location=file
    --package-name=vanban --msgid-bugs-address=vanban@localhost
    --exclude-file=${CMAKE_SOURCE_DIR}/po/exclude.po)
foreach(k ${VB_XGETTEXT_KEYWORDS})
  list(APPEND VB_XGETTEXT_ARGS --keyword=${k})
endforeach()
foreach(f ${VB_XGETTEXT_FLAGS})
  list(APPEND VB_XGETTEXT_ARGS --flag=${f})
endforeach()

if(VB_XGETTEXT)
  add_custom_target(pot
    COMMAND ${CMAKE_COMMAND} -DXGETTEXT=${VB_XGETTEXT} -DSRC=${CMAKE_SOURCE_DIR} -DOUT=${CMAKE_SOURCE_DIR}/po/vanban.pot
            "-DARGS=${VB_XGETTEXT_ARGS}" -P ${CMAKE_SOURCE_DIR}/cmake/make-pot.cmake
    COMMENT "Extracting the messages into po/vanban.pot"
    VERBATIM)
endif()

set(VB_LINGUAS vi)
set(VB_MO_FILES)
foreach(lang ${VB_LINGUAS})
  set(mo ${VB_LOCALE_BUILD_DIR}/${lang}/LC_MESSAGES/vanban.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${VB_LOCALE_BUILD_DIR}/${lang}/LC_MESSAGES
    COMMAND ${VB_MSGFMT} --check --output-file=${mo} ${CMAKE_SOURCE_DIR}/po/${lang}.po
    DEPENDS ${CMAKE_SOURCE_DIR}/po/${lang}.po
    COMMENT "Compiling po/${lang}.po"
    VERBATIM)
  list(APPEND VB_MO_FILES ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()
add_custom_target(translations ALL DEPENDS ${VB_MO_FILES})
