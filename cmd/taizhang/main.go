// Command taizhang runs the spreadsheet side of a provincial work plan: catalog, agency ledgers,
// returns, reconciliation and the consolidated report.
package main

import "os"

func main() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) }
