# `cmake --install` rules and the CMake package `wsharness`
# (find_package(wsharness) -> wsharness::wsharness, wsharness::probe,
# wsharness::subject-*, wsharness_add_tests()). Directories: WshInstallDirs.cmake.
include(CMakePackageConfigHelpers)

set_target_properties(wsharness PROPERTIES EXPORT_NAME wsharness)
install(TARGETS wsharness EXPORT wsharnessTargets RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

# The subjects a user may run or borrow: Beast as a reference, faulty as a
# negative control (its --bug switches), httplib when this build has it.
set(installed_subjects beast faulty)
if(TARGET wsh-subject-httplib)
  list(APPEND installed_subjects httplib)
endif()
foreach(subject IN LISTS installed_subjects)
  set_target_properties(wsh-subject-${subject} PROPERTIES EXPORT_NAME subject-${subject})
  install(TARGETS wsh-subject-${subject} EXPORT wsharnessTargets RUNTIME DESTINATION "${WSH_INSTALL_SUBJECTS_DIR}")
endforeach()

# The catalogue with its baselines, read at run time. The report's HTML
# assets are compiled into wsharness (harness/src/report), so none is needed.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/cases" DESTINATION "${WSH_INSTALL_DATA_DIR}")

# Headers for users' own applications (the event probe), as a header-only
# target, when the tree has them.
if(EXISTS "${PROJECT_SOURCE_DIR}/include/wsharness")
  add_library(wsh_probe INTERFACE)
  add_library(wsharness::probe ALIAS wsh_probe)
  set_target_properties(wsh_probe PROPERTIES EXPORT_NAME probe)
  target_include_directories(wsh_probe INTERFACE
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>" "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
  install(TARGETS wsh_probe EXPORT wsharnessTargets)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/wsharness" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()

install(EXPORT wsharnessTargets NAMESPACE wsharness:: DESTINATION "${WSH_INSTALL_PACKAGE_DIR}")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/wsharnessConfig.cmake.in"
  "${CMAKE_CURRENT_BINARY_DIR}/wsharnessConfig.cmake"
  INSTALL_DESTINATION "${WSH_INSTALL_PACKAGE_DIR}")
# 0.x: a minor release may change the catalogue and the command line.
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/wsharnessConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${CMAKE_CURRENT_BINARY_DIR}/wsharnessConfig.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/wsharnessConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/wsharnessAddTests.cmake"
  DESTINATION "${WSH_INSTALL_PACKAGE_DIR}")
