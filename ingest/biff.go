package ingest

import (
	"bytes"
	"encoding/binary"
)

// biffEncrypted reports a legacy .xls whose workbook stream carries a FILEPASS record
// (password to open). Some readers crash or exhaust memory on such streams, and LibreOffice
// can only say it failed, so it is caught here. FILEPASS follows the first BOF within a few
// records, so walking the records after each BOF candidate in the same sector is enough.
func biffEncrypted(data []byte) bool {
	if !bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return false
	}
	for _, bof := range [][]byte{{0x09, 0x08, 0x10, 0x00, 0x00, 0x06}, {0x09, 0x08, 0x08, 0x00, 0x00, 0x05}} {
		for from := 0; ; {
			i := bytes.Index(data[from:], bof)
			if i < 0 {
				break
			}
			at := from + i
			from = at + 1
			// walk up to 16 records
			p := at
			for n := 0; n < 16 && p+4 <= len(data); n++ {
				id := binary.LittleEndian.Uint16(data[p:])
				size := int(binary.LittleEndian.Uint16(data[p+2:]))
				if id == 0x002F {
					return true
				}
				if size > 8224 {
					break
				}
				p += 4 + size
			}
		}
	}
	return false
}
