# Where `cmake --install` puts wsharness's parts (GNUInstallDirs, so a
# distribution's -DCMAKE_INSTALL_LIBEXECDIR=... is honoured):
#   bin/wsharness
#   libexec/wsharness/wsh-subject-*       run by wsharness, not by users (the
#                                         package exports them for SUBJECT_CMD)
#   share/wsharness/cases/                the catalogue and its baselines
#   include/wsharness/                    headers for users' own applications
#   lib/cmake/wsharness/                  the CMake package
# The installed wsharness finds its subjects and catalogue relative to its own
# directory (engine/install_layout.hpp), so the tree can be moved as a whole;
# these two relative paths are compiled into it.
include(GNUInstallDirs)

set(WSH_INSTALL_SUBJECTS_DIR "${CMAKE_INSTALL_LIBEXECDIR}/wsharness")
set(WSH_INSTALL_DATA_DIR "${CMAKE_INSTALL_DATADIR}/wsharness")
set(WSH_INSTALL_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/wsharness")

cmake_path(RELATIVE_PATH CMAKE_INSTALL_FULL_LIBEXECDIR BASE_DIRECTORY "${CMAKE_INSTALL_FULL_BINDIR}"
           OUTPUT_VARIABLE libexec_from_bin)
cmake_path(RELATIVE_PATH CMAKE_INSTALL_FULL_DATADIR BASE_DIRECTORY "${CMAKE_INSTALL_FULL_BINDIR}"
           OUTPUT_VARIABLE data_from_bin)
set(WSH_INSTALL_BIN_TO_SUBJECTS "${libexec_from_bin}/wsharness")
set(WSH_INSTALL_BIN_TO_CASES "${data_from_bin}/wsharness/cases")
