// Package console gives the Windows build a console to print in when it is
// started from one. The program is linked as a GUI program (-H windowsgui),
// so that opening it from the Start menu shows no black window; Windows
// then gives it no console at all, and `boletos.exe version` typed in
// cmd or PowerShell would print nothing. On other systems it does nothing.
package console
