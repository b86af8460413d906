package brazil

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestValidateCPF(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr string // substring; "" means valid
	}{
		{"masked", "529.982.247-25", ""},
		{"masked 2", "111.444.777-35", ""},
		{"plain", "52513127765", ""},
		{"plain 2", "11111111200", ""},
		{"spaces", " 529 982 247 25 ", ""},
		{"wrong check digits", "11144477705", "CPF inválido: dígitos verificadores não conferem. Confira o número digitado."},
		{"repeated ones", "11111111111", "sequência de dígitos repetidos"},
		{"repeated zeros", "000.000.000-00", "sequência de dígitos repetidos"},
		{"letter", "529982247A5", "caractere 'A' não é permitido"},
		{"lower-case letter", "529982247a5", "caractere 'A' não é permitido"},
		{"too short", "5299822472", "deve ter 11 números; foram informados 10."},
		{"too long", "529982247250", "deve ter 11 números; foram informados 12."},
		{"empty", "  ", "CPF não informado"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkErr(t, ValidateCPF(tt.in), tt.wantErr)
		})
	}
}

func TestValidateCNPJ(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{"numeric masked", "11.222.333/0001-81", ""},
		{"numeric plain", "12345678000195", ""},
		{"numeric 2", "34665388000161", ""},
		{"leading zero", "01838723000127", ""},
		{"alphanumeric RFB example", "12ABC34501DE35", ""},
		{"alphanumeric masked", "12.ABC.345/01DE-35", ""},
		{"alphanumeric lower case", "12abc34501de35", ""},
		{"alphanumeric brazilian-utils", "Q0SLFMBD7VX439", ""},
		{"numeric wrong check digits", "11222333000182", "CNPJ inválido: dígitos verificadores não conferem. Confira o número digitado."},
		{"alphanumeric wrong check digits", "12ABC34501DE99", "CNPJ inválido: dígitos verificadores não conferem."},
		{"letter in check digits", "12ABC34501DEA5", "CNPJ inválido: os dois últimos caracteres (dígitos verificadores) devem ser números."},
		{"bad character", "12@BC34501DE35", "CNPJ inválido: caractere '@' não é permitido."},
		{"accented letter", "12ÁBC34501DE35", "caractere 'Á' não é permitido"},
		{"repeated ones", "11111111111111", "sequência de dígitos repetidos"},
		{"repeated zeros", "00.000.000/0000-00", "sequência de dígitos repetidos"},
		{"too short", "1122233300018", "deve ter 14 caracteres; foram informados 13."},
		{"empty", "", "CNPJ não informado"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkErr(t, ValidateCNPJ(tt.in), tt.wantErr)
		})
	}
}

func TestValidateDocument(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		wantKind Kind
		wantNum  string
		wantErr  string
	}{
		{"cpf masked", "529.982.247-25", CPF, "52998224725", ""},
		{"cnpj masked", "11.222.333/0001-81", CNPJ, "11222333000181", ""},
		{"alphanumeric cnpj", "12.abc.345/01de-35", CNPJ, "12ABC34501DE35", ""},
		{"twelve characters", "529982247250", Unknown, "", "CPF/CNPJ deve ter 11 (CPF) ou 14 (CNPJ) caracteres; foram informados 12."},
		{"one character", "5", Unknown, "", "CPF/CNPJ deve ter 11 (CPF) ou 14 (CNPJ) caracteres; foi informado 1."},
		{"empty", " - ", Unknown, "", "CPF/CNPJ não informado"},
		{"eleven characters with a letter are a bad CPF", "529982247A5", Unknown, "", "CPF inválido: caractere 'A'"},
		{"bad cpf", "111.444.777-05", Unknown, "", "CPF inválido: dígitos verificadores"},
		{"bad cnpj", "12ABC34501DE99", Unknown, "", "CNPJ inválido: dígitos verificadores"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := ValidateDocument(tt.in)
			checkErr(t, err, tt.wantErr)
			if doc.Kind != tt.wantKind || doc.Number != tt.wantNum {
				t.Errorf("ValidateDocument(%q) = %+v, want {%v %s}", tt.in, doc, tt.wantKind, tt.wantNum)
			}
		})
	}
}

// A sanitiser that drops letters turns 12ABC345019954 into 12345019954, eleven
// digits that look like a CPF. The kind must come from the full value.
func TestLettersNeverMakeCNPJLookLikeCPF(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"12ABC345019954", "12.ABC.345/0199-54", "12abc345019954", "AB123456C00159", "12ABC34501DE35"} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			n := NormalizeDocument(in)
			if len(n) != 14 || countLetters(n) != countLetters(in) {
				t.Fatalf("NormalizeDocument(%q) = %q, want 14 characters with the letters kept", in, n)
			}
			doc, err := ValidateDocument(in)
			if err != nil {
				t.Fatalf("ValidateDocument(%q): %v", in, err)
			}
			if doc.Kind != CNPJ || doc.Number != n {
				t.Errorf("ValidateDocument(%q) = %+v, want CNPJ %s", in, doc, n)
			}
			if err := ValidateCPF(in); err == nil {
				t.Errorf("ValidateCPF(%q) accepted a CNPJ", in)
			}
		})
	}
}

func TestNormalizeDocument(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"529.982.247-25", "52998224725"},
		{"12.abc.345/01de-35", "12ABC34501DE35"},
		{" 12 ABC\t345\n01DE 35 ", "12ABC34501DE35"},
		{"12@BC", "12@BC"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := NormalizeDocument(tt.in); got != tt.want {
				t.Errorf("NormalizeDocument(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"cpf", FormatCPF, "52998224725", "529.982.247-25"},
		{"cpf already masked", FormatCPF, "529.982.247-25", "529.982.247-25"},
		{"cpf wrong length", FormatCPF, "5299822472", "5299822472"},
		{"cpf with letter", FormatCPF, "529982247A5", "529982247A5"},
		{"cnpj", FormatCNPJ, "11222333000181", "11.222.333/0001-81"},
		{"cnpj alphanumeric", FormatCNPJ, "12abc34501de35", "12.ABC.345/01DE-35"},
		{"cnpj wrong length", FormatCNPJ, "1122233300018", "1122233300018"},
		{"cnpj bad character", FormatCNPJ, "12@BC34501DE35", "12@BC34501DE35"},
		{"document cpf", FormatDocument, "52998224725", "529.982.247-25"},
		{"document cnpj", FormatDocument, "12ABC34501DE35", "12.ABC.345/01DE-35"},
		{"document neither", FormatDocument, "123", "123"},
		{"document empty", FormatDocument, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("format(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCheckDigits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		fn      func(string) (string, error)
		in      string
		want    string
		wantErr string
	}{
		{"cpf", CPFCheckDigits, "529982247", "25", ""},
		{"cpf masked", CPFCheckDigits, "111.444.777", "35", ""},
		{"cpf short", CPFCheckDigits, "52998224", "", "base do CPF inválida"},
		{"cpf letter", CPFCheckDigits, "52998224A", "", "base do CPF inválida"},
		{"cnpj", CNPJCheckDigits, "112223330001", "81", ""},
		{"cnpj alphanumeric", CNPJCheckDigits, "12ABC34501DE", "35", ""},
		{"cnpj lower case", CNPJCheckDigits, "q0slfmbd7vx4", "39", ""},
		{"cnpj bad character", CNPJCheckDigits, "12@BC34501DE", "", "base do CNPJ inválida"},
		{"cnpj long", CNPJCheckDigits, "12ABC34501DE3", "", "base do CNPJ inválida"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.fn(tt.in)
			checkErr(t, err, tt.wantErr)
			if got != tt.want {
				t.Errorf("check digits of %q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	t.Parallel()
	for k, want := range map[Kind]string{CPF: "CPF", CNPJ: "CNPJ", Unknown: "desconhecido", Kind(9): "desconhecido"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

const (
	digits       = "0123456789"
	alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// TestCheckDigitsProperty generates random bases, completes them with
// XCheckDigits, and then tries every single-character substitution.
//
// The mod-11 scheme does not catch every substitution, and the test pins
// down exactly which ones slip through so that nobody relies on more:
//   - (alphanumeric CNPJ) a character whose value differs by a multiple of
//     11, like 'A' (17) for '6' (6): every weighted sum is unchanged, so the
//     change is never detected;
//   - remainders 0 and 1 both give check digit 0, so a substitution can go
//     unnoticed only when the check digits it would move are 0. For a CPF the
//     first position weighs 11 ≡ 0 in the second sum, so there only the
//     first check digit needs to be 0.
//
// Every other substitution, and every change to a check digit, is rejected.
func TestCheckDigitsProperty(t *testing.T) {
	t.Parallel()
	t.Run("cpf", func(t *testing.T) {
		t.Parallel()
		rng := rand.New(rand.NewPCG(1, 2))
		for range 2000 {
			base := randomString(rng, digits, 9)
			dv, err := CPFCheckDigits(base)
			if err != nil {
				t.Fatalf("CPFCheckDigits(%q): %v", base, err)
			}
			cpf := base + dv
			if repeated(cpf) {
				if ValidateCPF(cpf) == nil {
					t.Fatalf("ValidateCPF(%q) accepted a repeated sequence", cpf)
				}
				continue
			}
			if err := ValidateCPF(cpf); err != nil {
				t.Fatalf("ValidateCPF(%q) with generated check digits: %v", cpf, err)
			}
			forEachSubstitution(cpf, digits, digits, func(pos int, changed string) {
				err := ValidateCPF(changed)
				blindSpot := pos < 9 && cpf[9] == '0' && (pos == 0 || cpf[10] == '0')
				if err == nil && !blindSpot {
					t.Errorf("ValidateCPF(%q) accepted a change of %q at position %d", changed, cpf, pos+1)
				}
			})
		}
	})
	t.Run("cnpj", func(t *testing.T) {
		t.Parallel()
		rng := rand.New(rand.NewPCG(3, 4))
		var multipleOf11 int
		for i := range 2000 {
			alphabet := alphanumeric
			if i%2 == 0 {
				alphabet = digits
			}
			base := randomString(rng, alphabet, 12)
			dv, err := CNPJCheckDigits(base)
			if err != nil {
				t.Fatalf("CNPJCheckDigits(%q): %v", base, err)
			}
			cnpj := base + dv
			if repeated(cnpj) {
				continue
			}
			if err := ValidateCNPJ(cnpj); err != nil {
				t.Fatalf("ValidateCNPJ(%q) with generated check digits: %v", cnpj, err)
			}
			forEachSubstitution(cnpj, alphanumeric, digits, func(pos int, changed string) {
				err := ValidateCNPJ(changed)
				if pos < 12 && (int(changed[pos])-int(cnpj[pos]))%11 == 0 {
					multipleOf11++
					if err != nil {
						t.Errorf("ValidateCNPJ(%q) rejected a change by a multiple of 11 of %q: %v", changed, cnpj, err)
					}
					return
				}
				blindSpot := pos < 12 && cnpj[12] == '0' && cnpj[13] == '0'
				if err == nil && !blindSpot {
					t.Errorf("ValidateCNPJ(%q) accepted a change of %q at position %d", changed, cnpj, pos+1)
				}
			})
		}
		if multipleOf11 == 0 {
			t.Error("no substitution by a multiple of 11 was generated; the test lost its reach")
		}
	})
}

// TestKnownUndetectedChanges records concrete changes the check digits cannot
// see, so that no caller treats a valid CPF/CNPJ as proof it was typed right.
func TestKnownUndetectedChanges(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ original, changed string }{
		{"90748337806", "80748337806"},       // CPF, first digit, DV1 = 0
		{"12ABC34501DE35", "126BC34501DE35"}, // 'A' (17) → '6' (6)
		{"62331423172600", "82331423172600"}, // CNPJ with both DVs 0
	} {
		t.Run(tt.changed, func(t *testing.T) {
			t.Parallel()
			if _, err := ValidateDocument(tt.original); err != nil {
				t.Fatalf("original %s: %v", tt.original, err)
			}
			if _, err := ValidateDocument(tt.changed); err != nil {
				t.Errorf("changed %s: %v; the blind spot is gone, update the property test", tt.changed, err)
			}
		})
	}
}

func countLetters(s string) int {
	n := 0
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n
}

func randomString(rng *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

// forEachSubstitution calls fn with every string that differs from s in
// exactly one character; the last two positions take only check characters.
func forEachSubstitution(s, baseAlphabet, checkAlphabet string, fn func(pos int, changed string)) {
	b := []byte(s)
	for pos := range b {
		alphabet := baseAlphabet
		if pos >= len(b)-2 {
			alphabet = checkAlphabet
		}
		orig := b[pos]
		for i := range len(alphabet) {
			if alphabet[i] == orig {
				continue
			}
			b[pos] = alphabet[i]
			fn(pos, string(b))
		}
		b[pos] = orig
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Errorf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("error %q does not contain %q", err, want)
	}
}
