package excel

import (
	"fmt"
	"strings"
)

// Dump renders every non-empty cell of every sheet as "Sheet!A1<TAB>value" lines, the form golden
// files compare: cell values, never bytes (excelize may order zip entries differently run to run).
func Dump(b *Book) (string, error) {
	var sb strings.Builder
	for _, s := range b.Sheets() {
		rows, err := b.Rows(s)
		if err != nil {
			return "", err
		}
		for i, row := range rows {
			for j, v := range row {
				if v != "" {
					fmt.Fprintf(&sb, "%s!%s\t%s\n", s, Cell(i, j), strings.ReplaceAll(v, "\n", `\n`))
				}
			}
		}
	}
	return sb.String(), nil
}
