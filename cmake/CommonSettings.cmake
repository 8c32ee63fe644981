# One INTERFACE target carries the project-wide compile settings: C++ standard,
# warnings, Qt defines and sanitizers. Every target links pl_settings.
add_library(pl_settings INTERFACE)
add_library(pl::settings ALIAS pl_settings)

target_compile_features(pl_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

target_compile_definitions(pl_settings INTERFACE
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)

target_compile_options(pl_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wnull-dereference -Wimplicit-fallthrough)
if(PL_WARNINGS_AS_ERRORS)
    target_compile_options(pl_settings INTERFACE -Werror)
endif()

# Link-time optimisation in Release builds: reading a capture crosses many
# small files (link layer, IP, flow table, reassembly, decoder, summaries,
# totals), and inlining across them made `plinspect decode --stats` 9 %
# faster on the 100k-connection bench capture (bench/README.md).
option(PL_LTO "Link-time optimisation in Release builds" ON)
if(PL_LTO AND (CMAKE_CONFIGURATION_TYPES OR CMAKE_BUILD_TYPE STREQUAL "Release"))
    include(CheckIPOSupported)
    check_ipo_supported(RESULT pl_ipo_supported OUTPUT pl_ipo_message LANGUAGES CXX)
    if(pl_ipo_supported)
        set(CMAKE_INTERPROCEDURAL_OPTIMIZATION_RELEASE ON)
        # Warnings found while inlining across files at link time count too,
        # except one false positive, switched off for the whole link (GCC
        # only): GCC 12 sees Qt 6.4's QHash copy (detach) allocate SIZE_MAX
        # spans (qhash.h:559, `new Span[nSpans]`), where the count is the
        # copied hash's own bucket count. Compile-time warnings are unaffected.
        target_link_options(pl_settings INTERFACE
            $<$<AND:$<CONFIG:Release>,$<CXX_COMPILER_ID:GNU>>:-Wno-alloc-size-larger-than>)
        if(PL_WARNINGS_AS_ERRORS)
            target_link_options(pl_settings INTERFACE $<$<CONFIG:Release>:-Werror>)
        endif()
    else()
        message(STATUS "Link-time optimisation unavailable: ${pl_ipo_message}")
    endif()
endif()

if(PL_SANITIZE)
    target_compile_options(pl_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(pl_settings INTERFACE -fsanitize=address,undefined)
endif()

# Product code never converts char* to QString implicitly (encoding bugs hide
# there). Tests link pl::test_settings instead, where string literals may
# convert, which keeps data tables readable.
add_library(pl_strict_strings INTERFACE)
add_library(pl::strict_strings ALIAS pl_strict_strings)
target_compile_definitions(pl_strict_strings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING)
target_link_libraries(pl_settings INTERFACE $<$<NOT:$<BOOL:$<TARGET_PROPERTY:PL_RELAXED_STRINGS>>>:pl_strict_strings>)
