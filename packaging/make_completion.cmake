# Writes bash completion for nbhd from the binary's help texts: the commands, then each command's options
# (every --option its --help names). Run at build time:
#   cmake -DNBHD=<binary> -DOUT=<file> -P make_completion.cmake
execute_process(COMMAND ${NBHD} --help OUTPUT_VARIABLE usage RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "make_completion: '${NBHD} --help' failed (${rc})")
endif()
string(REGEX MATCH "commands:\n.*" listing "${usage}")
string(REGEX MATCHALL "\n  [a-z]+ " names "${listing}")
set(commands "")
set(cases "")
foreach(n IN LISTS names)
  string(STRIP "${n}" n)
  list(APPEND commands ${n})
  execute_process(COMMAND ${NBHD} ${n} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "make_completion: '${NBHD} ${n} --help' failed (${rc})")
  endif()
  string(REGEX MATCHALL "--[a-z][a-z0-9-]*" opts "${help}")
  list(REMOVE_DUPLICATES opts)
  list(SORT opts)
  list(JOIN opts " " opts)
  string(APPEND cases "    ${n}) opts=\"${opts} --help\" ;;\n")
endforeach()
list(JOIN commands " " commands)
file(WRITE ${OUT} "# bash completion for nbhd (generated from its --help texts)
_nbhd() {
  local cur=\"\${COMP_WORDS[COMP_CWORD]}\" opts
  if [ \"\$COMP_CWORD\" -eq 1 ]; then
    COMPREPLY=(\$(compgen -W \"${commands} --help --version\" -- \"\$cur\"))
    return
  fi
  case \"\${COMP_WORDS[1]}\" in
${cases}    *) opts=\"\" ;;
  esac
  if [[ \"\$cur\" == -* ]]; then
    COMPREPLY=(\$(compgen -W \"\$opts\" -- \"\$cur\"))
  else
    COMPREPLY=(\$(compgen -f -- \"\$cur\"))
  fi
}
complete -o filenames -F _nbhd nbhd
")
