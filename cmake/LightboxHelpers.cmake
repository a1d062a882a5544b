# Shared compile settings for every Lightbox target.
function(lightbox_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wconversion -Wno-sign-conversion)
  if(LIGHTBOX_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(LIGHTBOX_SANITIZERS)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    target_compile_definitions(${target} PRIVATE LIGHTBOX_SANITIZED=1)
  endif()
endfunction()

# lightbox_add_library(name SOURCES ...): a module library with include/ public.
function(lightbox_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                     PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  lightbox_target_defaults(${name})
endfunction()

# lightbox_add_test(name SOURCES ... LIBS ... LABELS ... [TIMEOUT s])
# A Qt Test executable registered with CTest, labelled per module.
function(lightbox_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} Qt6::Test)
  target_compile_definitions(${name} PRIVATE
    LIGHTBOX_SHARED_DATA="${LIGHTBOX_SHARED_DATA}"
    LIGHTBOX_CLI="$<TARGET_FILE:lightbox-cli>")
  lightbox_target_defaults(${name})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  # GUI tests run on the real xcb platform under Xvfb (scripts/with-xvfb.sh);
  # everything else needs no display at all.
  if("gui" IN_LIST ARG_LABELS)
    set(_env "${ARG_ENV}")
  else()
    set(_env "QT_QPA_PLATFORM=offscreen;${ARG_ENV}")
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT} ENVIRONMENT "${_env}")
  # GUI tests share one X display: one at a time, or keyboard focus and
  # window activation of one test are taken by another's windows.
  if("gui" IN_LIST ARG_LABELS)
    set_tests_properties(${name} PROPERTIES RESOURCE_LOCK x_display)
  endif()
endfunction()
