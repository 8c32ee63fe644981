# Per-generator CPack settings (read by cpack at packaging time).
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
elseif(CPACK_GENERATOR STREQUAL "TGZ")
    set(CPACK_PACKAGING_INSTALL_PREFIX /)
    set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
endif()
