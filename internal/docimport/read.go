package docimport

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"boletos/internal/apperr"
)

// maxFileSize is the limit of one file under opts.
func (o Options) maxFileSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Read reads the documents of one file. The kind is decided by the content,
// not by the name: NF-e (nfeProc, NFe, an enviNFe batch), CT-e (cteProc,
// CTe, CT-e OS, CT-e Simplificado), NFS-e (ABRASF CompNfse and the
// municipal responses that list them, plain or escaped inside a SOAP
// envelope, and the NFS-e Nacional) or a CSV spreadsheet. name is how the
// user knows the file and appears in every message. The error, when the
// file cannot be read at all, is an *apperr.Error with one pt-BR sentence;
// problems of a single document go to its Errors and Warnings instead.
func Read(name string, r io.Reader, opts Options) ([]Document, error) {
	limit := opts.maxFileSize()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível ler o arquivo %s; confira se ele ainda existe e se há permissão para lê-lo.", name))
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, limit)
	}
	return readBytes(name, data, opts)
}

func tooLarge(name string, limit int64) error {
	return apperr.Invalid("O arquivo %s tem mais de %s, o limite de um arquivo importado; confira se é mesmo um documento fiscal ou divida o lote em arquivos menores.", name, formatSize(limit))
}

// formatSize writes a byte count for messages: "20 MB", "512 KB", "300 bytes".
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%d,%d MB", n>>20, (n%(1<<20))*10>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readBytes dispatches a whole file by its content.
func readBytes(name string, data []byte, opts Options) ([]Document, error) {
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(head[:min(len(head), 64)])
	switch {
	case len(head) == 0:
		return nil, apperr.Invalid("O arquivo %s está vazio; baixe o XML da nota de novo.", name)
	case bytes.HasPrefix(head, []byte("%PDF")):
		return nil, apperr.Invalid("O arquivo %s parece ser um PDF (DANFE?), importe o XML da nota, não o PDF.", name)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return nil, apperr.Invalid("O arquivo %s é um ZIP (ou uma planilha do Excel); selecione o arquivo .zip na importação para que os XML dentro dele sejam lidos, ou salve a planilha como CSV.", name)
	case bytes.HasPrefix(head, []byte("\x1f\x8b")):
		return nil, apperr.Invalid("O arquivo %s está compactado com gzip; descompacte-o e importe o XML.", name)
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return nil, apperr.Invalid("O arquivo %s é uma planilha ou documento do Office antigo; salve a planilha como CSV ou importe o XML da nota.", name)
	case bytes.HasPrefix(head, []byte("\x89PNG")) || bytes.HasPrefix(head, []byte("\xff\xd8\xff")) || bytes.HasPrefix(head, []byte("GIF8")):
		return nil, apperr.Invalid("O arquivo %s é uma imagem; importe o XML da nota, não a foto ou o PDF dela.", name)
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")):
		return nil, apperr.Invalid("O arquivo %s é uma página da web (HTML), não o XML da nota; baixe o arquivo XML no portal da SEFAZ ou da prefeitura.", name)
	case head[0] == '<' || data[0] == 0xFF || data[0] == 0xFE:
		return readXML(name, data, opts)
	case head[0] == '{' || head[0] == '[':
		return nil, apperr.Invalid("O arquivo %s é um JSON, não um XML de nota fiscal nem uma planilha CSV; importe o XML da nota.", name)
	case looksLikeCSV(name, head):
		return ReadCSV(name, bytes.NewReader(data), opts)
	}
	return nil, apperr.Invalid("O arquivo %s não é um XML de NF-e, CT-e ou NFS-e nem uma planilha CSV; importe o XML da nota.", name)
}

// looksLikeCSV: a text file named .csv/.txt, or whose first line has a
// field separator.
func looksLikeCSV(name string, head []byte) bool {
	sample := head[:min(len(head), 4096)]
	for _, c := range sample {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return true
	}
	line, _, _ := bytes.Cut(sample, []byte("\n"))
	return bytes.ContainsAny(line, ";,\t") && (utf8.Valid(line) || len(sample) == 4096)
}

// readXML parses a fiscal XML file and maps every document in it.
func readXML(name string, data []byte, opts Options) ([]Document, error) {
	pr, err := parseXML(name, data, false)
	if err != nil {
		return nil, err
	}
	docs, err := extract(name, pr.root, opts, 0)
	if err != nil {
		return nil, err
	}
	if pr.recoded {
		for i := range docs {
			docs[i].Warnings = append(docs[i].Warnings, fmt.Sprintf(
				"O arquivo %s não está em UTF-8 como deveria, mas em ISO-8859-1/Windows-1252, e foi lido assim; confira os acentos de nomes e endereços.", name))
		}
	}
	return docs, nil
}

// maxNesting is how many times XML escaped inside another XML's text (a
// SOAP answer of a city web service) is unwrapped.
const maxNesting = 2

// extract finds the documents anywhere in the tree, by element local name,
// so that wrappers (nfeProc, enviNFe, ConsultarNfseResposta/ListaNfse, a
// SOAP body, an ERP's own envelope) do not matter.
func extract(name string, root *xnode, opts Options, nesting int) ([]Document, error) {
	ev := indexEvents(root)
	var docs []Document
	var scan func(parent, n *xnode)
	scan = func(parent, n *xnode) {
		switch {
		case n.name == "NFe" && n.child("infNFe") != nil:
			docs = append(docs, readNFe(name, n, parent.child("protNFe"), ev, opts))
			return
		case (n.name == "CTe" || n.name == "CTeOS" || n.name == "CTeSimp") && n.child("infCte") != nil:
			docs = append(docs, readCTe(name, n, parent.child("protCTe"), ev, opts))
			return
		case n.name == "CompNfse" || (n.name == "Nfse" && n.child("InfNfse") != nil):
			docs = append(docs, readABRASF(name, n, opts))
			return
		case n.name == "NFSe" && n.child("infNFSe") != nil:
			docs = append(docs, readNacional(name, n, n.at("infNFSe", "DPS"), ev, opts))
			return
		case n.name == "DPS" && n.child("infDPS") != nil:
			docs = append(docs, readNacional(name, nil, n, ev, opts))
			return
		}
		for _, k := range n.kids {
			scan(n, k)
		}
	}
	scan(nil, root)
	if len(docs) > 0 {
		return docs, nil
	}
	if nesting < maxNesting {
		// The inner file's own problem (truncated, an error answer) is the
		// one to report when the outer file is only its envelope.
		envelope := root.kids[0].name == "Envelope" || root.kids[0].name == "string"
		var firstErr error
		for _, text := range escapedXML(root) {
			pr, err := parseXML(name, []byte(text), true)
			if err == nil {
				var inner []Document
				if inner, err = extract(name, pr.root, opts, nesting+1); err == nil {
					return inner, nil
				}
			}
			if firstErr == nil && (envelope || strings.HasPrefix(text, "<?xml")) {
				firstErr = err
			}
		}
		if firstErr != nil {
			return nil, firstErr
		}
	}
	return nil, notADocument(name, root, ev)
}

// escapedXML returns the texts that hold a whole XML document, as city web
// services answer inside a SOAP envelope (<outputXML>&lt;Consultar…).
func escapedXML(root *xnode) []string {
	var out []string
	root.walk(func(n *xnode) bool {
		if len(out) < 4 && strings.HasPrefix(n.text, "<") && strings.HasSuffix(n.text, ">") {
			out = append(out, n.text)
		}
		return len(out) < 4
	})
	return out
}

// notADocument explains a well-formed XML that holds no NF-e, CT-e or NFS-e.
func notADocument(name string, root *xnode, ev events) error {
	top := root.kids[0]
	if top.name == "Envelope" {
		if f := top.find("Fault"); f != nil {
			reason := f.findText("faultstring")
			if reason == "" {
				reason = f.findText("Text")
			}
			return apperr.Invalid("O arquivo %s é uma resposta de erro do serviço web (%s), sem nota fiscal; importe o XML da nota autorizada.", name, reason)
		}
		if body := top.child("Body"); body != nil && len(body.kids) > 0 {
			top = body.kids[0]
		}
	}
	if ev.first != "" {
		key := ""
		if ev.firstKey != "" {
			key = " " + ev.firstKey
		}
		return apperr.Invalid("O arquivo %s é um evento (%s) %s%s, não uma nota fiscal; importe o XML da nota autorizada.", name, ev.first, ev.firstOfWho, key)
	}
	if msg := root.find("MensagemRetorno"); msg != nil {
		return apperr.Invalid("O arquivo %s é uma resposta da prefeitura sem NFS-e (%s %s); importe o XML da NFS-e emitida.", name, msg.textAt("Codigo"), msg.textAt("Mensagem"))
	}
	if root.find("InfRps") != nil || root.find("InfDeclaracaoPrestacaoServico") != nil {
		return apperr.Invalid("O arquivo %s é um RPS enviado à prefeitura, não a NFS-e gerada; importe o XML da NFS-e emitida.", name)
	}
	if top.name == "resNFe" || top.name == "resEvento" {
		return apperr.Invalid("O arquivo %s é só um resumo (%s) da distribuição de documentos, sem os dados do comprador; baixe o XML completo da nota.", name, top.name)
	}
	switch {
	case strings.Contains(top.space, "portalfiscal.inf.br/nfe"):
		return apperr.Invalid("O arquivo %s é um XML da NF-e do tipo <%s>, que não é uma nota (é uma consulta, recibo ou resposta da SEFAZ); importe o XML da NF-e autorizada.", name, top.name)
	case strings.Contains(top.space, "portalfiscal.inf.br/cte"):
		return apperr.Invalid("O arquivo %s é um XML do CT-e do tipo <%s>, que não é um conhecimento de transporte (é uma consulta, recibo ou resposta da SEFAZ); importe o XML do CT-e autorizado.", name, top.name)
	}
	return apperr.Invalid("O arquivo %s é um XML do tipo <%s>, que não é NF-e, CT-e nem NFS-e; importe o XML da nota autorizada.", name, top.name)
}

// ReadFile reads one path: a file (XML, CSV or ZIP), or a folder whose
// .xml, .zip and .csv files are read, subfolders included. Each file, and
// each file inside a ZIP ("lote.zip/nota1.xml"), gives one FileResult; a
// file that cannot be read never stops the others.
func ReadFile(path string, opts Options) []FileResult {
	return ReadPaths([]string{path}, opts)
}

// ReadPaths is ReadFile for several paths, in the order given. The files
// are read in parallel on a few goroutines; the results keep their order.
func ReadPaths(paths []string, opts Options) []FileResult {
	var jobs []job
	for _, p := range paths {
		jobs = append(jobs, collect(p)...)
	}
	results := make([][]FileResult, len(jobs))
	workers := min(runtime.GOMAXPROCS(0), 4, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = jobs[i].run(opts)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []FileResult
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

// job is one file to read, or a problem found while listing.
type job struct {
	path string
	err  error
}

func (j job) run(opts Options) []FileResult {
	if j.err != nil {
		return []FileResult{{File: j.path, Err: j.err}}
	}
	return readPath(j.path, opts)
}

// importable are the extensions read from a folder or a ZIP.
func importable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xml", ".zip", ".csv":
		return true
	}
	return false
}

// collect lists the files of one path: the path itself, or the importable
// files under a folder.
func collect(path string) []job {
	info, err := os.Stat(path)
	if err != nil {
		return []job{{path: path, err: openProblem(path, err)}}
	}
	if !info.IsDir() {
		return []job{{path: path}}
	}
	var jobs []job
	err = filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			jobs = append(jobs, job{path: p, err: openProblem(p, err)})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		regular := d.Type().IsRegular()
		if d.Type()&os.ModeSymlink != 0 {
			info, err := os.Stat(p)
			regular = err == nil && info.Mode().IsRegular()
		}
		if regular && importable(p) {
			jobs = append(jobs, job{path: p})
		}
		return nil
	})
	if err != nil {
		jobs = append(jobs, job{path: path, err: openProblem(path, err)})
	}
	if len(jobs) == 0 {
		return []job{{path: path, err: apperr.Invalid("A pasta %s não tem arquivos XML, ZIP ou CSV para importar; confira se escolheu a pasta certa.", path)}}
	}
	return jobs
}

func openProblem(path string, err error) error {
	if os.IsNotExist(err) {
		return apperr.Wrap(apperr.CodeNotFound, err, fmt.Sprintf("O arquivo ou pasta %s não existe; confira o caminho.", path))
	}
	if os.IsPermission(err) {
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("Sem permissão para ler %s; confira as permissões do arquivo ou da pasta.", path))
	}
	return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf("Não foi possível ler %s; confira se o arquivo ainda existe e se o disco está acessível.", path))
}

// notCSV refuses a spreadsheet saved in a format other than CSV.
func notCSV(name string) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xls", ".ods":
		return apperr.Invalid("O arquivo %s é uma planilha; salve-a como CSV (separado por ponto e vírgula) e importe o CSV.", name)
	}
	return nil
}

// isZip reports whether a file starts like a ZIP archive.
func isZip(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06"))
}

// ReadUpload reads a file the user handed over whole (the import screen's
// drag and drop): a ZIP is expanded, anything else goes to Read.
func ReadUpload(name string, data []byte, opts Options) []FileResult {
	if err := notCSV(name); err != nil {
		return []FileResult{{File: name, Err: err}}
	}
	if isZip(data) {
		return readZip(name, bytes.NewReader(data), int64(len(data)), opts, 0)
	}
	docs, err := Read(name, bytes.NewReader(data), opts)
	return []FileResult{{File: name, Documents: docs, Err: err}}
}

// readPath reads one file from disk: a ZIP is expanded, anything else goes
// to Read.
func readPath(path string, opts Options) []FileResult {
	if err := notCSV(path); err != nil {
		return []FileResult{{File: path, Err: err}}
	}
	f, err := os.Open(path)
	if err != nil {
		return []FileResult{{File: path, Err: openProblem(path, err)}}
	}
	defer f.Close()
	var magic [4]byte
	n, _ := io.ReadFull(f, magic[:])
	if isZip(magic[:n]) {
		info, err := f.Stat()
		if err != nil {
			return []FileResult{{File: path, Err: openProblem(path, err)}}
		}
		return readZip(path, f, info.Size(), opts, 0)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return []FileResult{{File: path, Err: openProblem(path, err)}}
	}
	docs, err := Read(path, f, opts)
	return []FileResult{{File: path, Documents: docs, Err: err}}
}
