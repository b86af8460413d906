Unicode true

####
## The installer of Boletos for Windows, after Wails' project.nsi (v2.16.0).
## `make windows` runs makensis on it with these defines:
##   INFO_PRODUCTVERSION     the version the user reads (git describe)
##   INFO_FILEVERSION        the same as four numbers, a.b.c.d
##   ARG_WAILS_AMD64_BINARY  build/bin/boletos.exe
##   APP_ICON                the icon made from build/appicon.png
##   WEBVIEW2_SETUP          Microsoft's WebView2 bootstrapper, from the Wails module
##   OUTFILE                 the installer to write
## It installs for the whole machine (administrator rights), puts shortcuts
## in the Start menu and on the desktop, registers the uninstaller, and
## installs the WebView2 runtime when Windows lacks it. The data folder
## (%APPDATA%\boletos) is the user's: the uninstaller leaves it alone.
####
!define INFO_PROJECTNAME "boletos"
!define INFO_COMPANYNAME "Boletos"
!define INFO_PRODUCTNAME "Boletos"
!define INFO_COPYRIGHT   "Copyright © 2026 Boletos"
!define UNINST_KEY_NAME  "Boletos"

!define WAILS_WIN10_REQUIRED "O Boletos funciona no Windows 10 (ou Windows Server 2016) e mais novos."
!define WAILS_ARCHITECTURE_NOT_SUPPORTED "O Boletos não pode ser instalado neste tipo de computador: ele precisa de um Windows de 64 bits (x64)."
!define WAILS_INSTALL_WEBVIEW_DETAILPRINT "Instalando o WebView2 Runtime da Microsoft"

!include "wails_tools.nsh"

VIProductVersion "${INFO_FILEVERSION}"
VIFileVersion    "${INFO_FILEVERSION}"

VIAddVersionKey "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "Instalador do ${INFO_PRODUCTNAME}"
VIAddVersionKey "ProductVersion"  "${INFO_PRODUCTVERSION}"
VIAddVersionKey "FileVersion"     "${INFO_FILEVERSION}"
VIAddVersionKey "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName"     "${INFO_PRODUCTNAME}"

# Enable HiDPI support. https://nsis.sourceforge.io/Reference/ManifestDPIAware
ManifestDPIAware true

!include "MUI.nsh"

!define MUI_ICON "${APP_ICON}"
!define MUI_UNICON "${APP_ICON}"
!define MUI_FINISHPAGE_NOAUTOCLOSE # Wait on the INSTFILES page so the user can take a look into the details of the installation steps
!define MUI_ABORTWARNING # This will warn the user if they exit from the installer.

!insertmacro MUI_PAGE_WELCOME # Welcome to the installer page.
!insertmacro MUI_PAGE_DIRECTORY # In which folder install page.
!insertmacro MUI_PAGE_INSTFILES # Installing page.
!insertmacro MUI_PAGE_FINISH # Finished installation page.

!insertmacro MUI_UNPAGE_INSTFILES # Uninstalling page

!insertmacro MUI_LANGUAGE "PortugueseBR"

Name "${INFO_PRODUCTNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${INFO_PRODUCTNAME}"
ShowInstDetails show # This will always show the installation details.

Function .onInit
   !insertmacro wails.checkArchitecture
FunctionEnd

Section
    !insertmacro wails.setShellContext

    !insertmacro wails.webview2runtime

    SetOutPath $INSTDIR

    !insertmacro wails.files

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    CreateShortCut "$DESKTOP\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    !insertmacro wails.associateFiles
    !insertmacro wails.associateCustomProtocols

    !insertmacro wails.writeUninstaller
SectionEnd

Section "uninstall"
    !insertmacro wails.setShellContext

    RMDir /r "$AppData\${PRODUCT_EXECUTABLE}" # Remove the WebView2 DataPath

    # Only what the installer put there: Wails' "RMDir /r $INSTDIR" would
    # empty any folder the user picked, such as C:\Program Files itself.
    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    Delete "$DESKTOP\${INFO_PRODUCTNAME}.lnk"

    !insertmacro wails.unassociateFiles
    !insertmacro wails.unassociateCustomProtocols

    !insertmacro wails.deleteUninstaller

    RMDir $INSTDIR # only when it is empty now
SectionEnd
