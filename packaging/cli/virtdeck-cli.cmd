@echo off
rem virtdeck-cli on Windows: the client, run by Virtdeck's own runtime acting as plain Node.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Virtdeck.exe" "%~dp0index.js" %*
