package ingest

import (
	"context"
	"errors"
	"fmt"

	"taizhang/office"
)

// toXLSXBytes converts one file's bytes (in the format its extension ext names) to xlsx, with
// the reason in Chinese when it cannot.
func toXLSXBytes(ctx context.Context, conv office.Converter, data []byte, ext string) ([]byte, error) {
	out, err := conv.Convert(ctx, data, ext, office.XLSX)
	switch {
	case errors.Is(err, office.ErrNotInstalled):
		return nil, errors.New(InstallHint)
	case errors.Is(err, office.ErrTimeout):
		return nil, fmt.Errorf(msgConvertTimeout, conv.Timeout)
	case err != nil:
		return nil, errors.New(msgConvertFailed)
	}
	return out, nil
}
