# make-pot.cmake - po/vanban.pot from the sources (cmake -P; the pot target
# and tests/i18n/test_po.py). The creation date is left out, so that the
# file changes only when a message does.
#
# xgettext counts the commas inside a compound literal's braces as
# arguments, so vb_diag_emit(d, (vb_srcpos){file, 0, 0}, VB_ERROR, "…")
# would lose its message: it reads copies of the sources with each
# (type){…} written (type)0. Both branches of a ?: are not extracted
# either: the sources mark them with N_().
file(GLOB_RECURSE sources RELATIVE ${SRC} ${SRC}/src/*.c)
list(SORT sources)
set(tree ${OUT}.src)
file(REMOVE_RECURSE ${tree})
foreach(f ${sources})
  file(READ ${SRC}/${f} text)
  string(REGEX REPLACE "(\\([a-z_]+\\)){[^{}\n]*}" "\\10" text "${text}")
  file(WRITE ${tree}/${f} "${text}")
endforeach()
execute_process(COMMAND ${XGETTEXT} ${ARGS} --output=${OUT}.tmp ${sources}
                WORKING_DIRECTORY ${tree} RESULT_VARIABLE rc)
file(REMOVE_RECURSE ${tree})
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed")
endif()
file(READ ${OUT}.tmp pot)
string(REGEX REPLACE "\"POT-Creation-Date: [^\"]*\"\n" "" pot "${pot}")
# an empty string given to a keyword (read_fixed(…, "")) is no message:
# its place is not the header's
string(REGEX REPLACE "\n#: [^\n]*\n(#, fuzzy\nmsgid \"\"\n)" "\n\\1" pot "${pot}")
file(WRITE ${OUT} "${pot}")
file(REMOVE ${OUT}.tmp)
