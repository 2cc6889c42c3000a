package ingest

import (
	"context"
	"errors"
	"fmt"

	"taizhang/office"
)

// InstallHint says exactly how to get LibreOffice when it is missing.
const InstallHint = "本機沒有安裝LibreOffice,無法轉換舊格式。請安裝後重試(Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui;" +
	"Windows/macOS: 從 libreoffice.org 安裝),或請報送單位用Excel/WPS另存為.xlsx"

// toXLSXBytes converts one file's bytes (in the format its extension ext names) to xlsx, with
// the reason in Chinese when it cannot.
func toXLSXBytes(ctx context.Context, conv office.Converter, data []byte, ext string) ([]byte, error) {
	out, err := conv.Convert(ctx, data, ext, office.XLSX)
	switch {
	case errors.Is(err, office.ErrNotInstalled):
		return nil, errors.New(InstallHint)
	case errors.Is(err, office.ErrTimeout):
		return nil, fmt.Errorf("LibreOffice轉換超時(%v),文件可能損壞、過大或有打開密碼;請用Excel或WPS另存為.xlsx後發回", conv.Timeout)
	case err != nil:
		return nil, fmt.Errorf("LibreOffice無法打開此文件(可能已損壞或有打開密碼);請用Excel或WPS另存為.xlsx後發回")
	}
	return out, nil
}
