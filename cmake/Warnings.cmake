# Warnings as an interface target; -Werror with JINDU_WERROR (CI turns it on).
add_library(jindu_warnings INTERFACE)
target_compile_options(jindu_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
  -Wno-unused-parameter)
if(JINDU_WERROR)
  target_compile_options(jindu_warnings INTERFACE -Werror)
endif()
