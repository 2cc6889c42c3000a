package main

import (
	"bytes"
	"context"
	"io"
	"strings"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/script"
)

// scriptWriter passes output through in the user's script. Messages are written in Traditional
// and converted to Simplified when that is the setting; the plan's own text is stored in the
// setting's script already. Whole lines are converted, so that OpenCC sees phrases whole.
type scriptWriter struct {
	w       io.Writer
	to      func() taizhang.Script
	pending []byte
}

func (s *scriptWriter) Write(p []byte) (int, error) {
	s.pending = append(s.pending, p...)
	if i := bytes.LastIndexByte(s.pending, '\n'); i >= 0 {
		if err := s.emit(s.pending[:i+1]); err != nil {
			return 0, err
		}
		s.pending = append(s.pending[:0], s.pending[i+1:]...)
	}
	return len(p), nil
}

// Flush writes what is left of an unfinished line.
func (s *scriptWriter) Flush() error {
	err := s.emit(s.pending)
	s.pending = s.pending[:0]
	return err
}

func (s *scriptWriter) emit(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	var out strings.Builder
	simplified := s.to() == taizhang.Simplified
	taizhang.EachVerbatim(string(b), func(piece string, verbatim bool) {
		if simplified && !verbatim {
			piece = script.Default().Convert(piece, taizhang.Simplified)
		}
		out.WriteString(piece)
	})
	_, err := io.WriteString(s.w, out.String())
	return err
}

// script is the script people read: the setting stored with the plan, Simplified when there is
// none yet (mainland offices write Simplified). It is read once, at the first line of output,
// when the command line has been parsed and the command has done its work.
func (app *App) script() taizhang.Script {
	if app.Script == "" {
		app.Script = cycle.PeekScript(context.Background(), app.DBPath)
		if app.Script == "" {
			app.Script = taizhang.Simplified
		}
	}
	return app.Script
}
