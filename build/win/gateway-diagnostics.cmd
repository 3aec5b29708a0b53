@echo off
rem Gateway Diagnostics on the command line: gateway-diagnostics.cmd COMMAND [OPTIONS]
rem (README.md, "The command line in the installed app"). The app is a windowed program, so typed
rem at the prompt cmd.exe would not wait for it; a batch file does wait, and hands its exit code on.
rem "--" after --cli keeps Electron and Chromium from reading the command's own arguments.
setlocal EnableExtensions DisableDelayedExpansion
call :app_folder APP_DIR
"%APP_DIR%Gateway Diagnostics.exe" --cli -- %*
exit /b %ERRORLEVEL%

rem Sets the variable named by the argument to this file's folder. Read in a subroutine, the folder
rem is right even when this file was started by a quoted name found on PATH (in the main body it
rem would then name the current folder instead).
:app_folder
set "%~1=%~dp0"
exit /b 0
