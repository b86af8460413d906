// Package intersim is a local Banco Inter for tests, the demo account and
// `boletos sim`: the API Cobrança v3 (boleto with Pix) behind OAuth2 client
// credentials and mutual TLS, with the bank's wire format, asynchronous
// emission, payments, pagination, webhooks, per-minute limits and injected
// faults. It follows docs/inter-api.md; where the bank's contract is silent
// the choices below apply.
//
// Identity. New generates a CA (ECDSA P-256), a server certificate for
// 127.0.0.1, ::1 and localhost, an RSA 2048 client certificate valid for one
// year (PKCS#8 key, like the files Inter hands out), a second client
// certificate the simulator presents when it calls webhooks, a client id and
// secret (UUIDs), a 9-digit conta corrente and a 7-digit número da operação.
// TLS (1.2 or later) requires a client certificate signed by the CA; validity
// is checked against the real clock, everything else follows Config.Now.
//
// Auth. POST /oauth/v2/token takes a form with client_id, client_secret,
// grant_type=client_credentials and a space-separated scope of
// boleto-cobranca.read and/or boleto-cobranca.write. A missing field gives
// 400 (Problema); wrong credentials or an unknown scope give 401 with
// X-Ca-Err: 201 and the short body {"error":"invalid_client",...}. Every
// call counts against 5 per minute per client_id (not in the unlimited
// profile). Tokens last 3600 s of the simulator's clock and live in memory
// only: a restart or RevokeTokens makes them answer 401 (a Problema titled
// "Não Autorizado"). A missing scope gives the canned 403.
//
// Emission. POST /cobrancas validates the body (§2.1, §3.3) and answers
// {"codigoSolicitacao"} with a random UUID v4. The charge stays
// EM_PROCESSAMENTO, without boleto and pix, for Faults.Processing (default
// 0: it is processed at the next request or tick of the background loop;
// `boletos sim` uses 2 s), or until Faults.StuckProcessing has passed since
// the faults were set. It then becomes FALHA_EMISSAO when the payer's name
// contains "FALHA" (any case), otherwise A_RECEBER with a sequential nosso
// número (10 digits from a random start, plus the DV), agência 0001,
// carteira 112, barcode and linha digitável, and — when the account has a
// Pix key and formasRecebimento includes PIX — a cobv copia e cola for
// spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/<32 hex> with a 35-character
// txid. SEM_FORMA_PAGAMENTO charges become A_RECEBER with neither boleto
// nor pix. The 30-minute duplicate key and every refusal answer 400 with
// violacoes; valorNominal with more than two decimals is refused, while
// taxa and valor of desconto, multa and mora are rounded half up. The payer
// document must pass the CPF/CNPJ check digits and match tipoPessoa.
//
// Reading. The detail shows valorNominal as a number, the list as a string;
// the list's pagador has only nome and cpfCnpj. Without multa or mora the
// detail shows the legacy codes NAOTEMMULTA and ISENTO with zero rate and
// amount; descontos is always an array. valorTotalRecebido and
// origemRecebimento appear once the charge is paid. The list orders by the
// chosen field, then by emission order; IDENTIFICADOR is seuNumero and
// CODIGO_COBRANCA the codigoSolicitacao. The sumário lists all nine
// situations, valor being the sum of the nominal values. The PDF answer is
// always JSON {"pdf": base64}: a one-page A4 with the charge's data, the
// linha digitável, an Interleaved 2 of 5 barcode and the Pix code, drawn by
// gopdf with DejaVu Sans from /usr/share/fonts/truetype/dejavu when that
// file exists and written by hand with the built-in Helvetica otherwise;
// 400 while there is no boleto.
//
// Clock. After the due date an unpaid charge is ATRASADO (no callback);
// after due date + numDiasAgenda it is EXPIRADO (callback), at once with
// numDiasAgenda 0. Cancel (202) and the sandbox /pagar (204; the amount is
// boleto.AmountDue on the simulator's date) apply at once and send their
// callback. PATCH answers PROCESSANDO and applies the change after
// Faults.Processing (SUCESSO, or FALHA if the charge was settled meanwhile),
// rebuilding barcode, linha and Pix with the same nosso número.
//
// Webhook. One per account; the URL must match ^https://[^\s]*$. Events
// that happen together are sent in one POST with a JSON array and the
// x-conta-corrente header; a non-2xx answer or a network error is retried
// 20, 30, 60 and 120 minutes after the previous attempt (five attempts in
// all). Each attempt is kept for /webhook/callbacks (newest first). The
// retry endpoint resends the last callback of each code that has one.
//
// Profiles. production and sandbox apply the per-minute limits of §2.0 per
// client and endpoint in a sliding minute, answering 429
// {"message":"Too Many Requests"} with X-Rate-Limit-Remaining and
// X-Rate-Limit-Time (no Retry-After). /pagar exists only in sandbox and the
// callback retry only in production (404 elsewhere); unlimited has both and
// no limits.
//
// Faults are drawn from a math/rand/v2 PCG seeded with Faults.Seed (random
// and logged when 0); every request draws the same number of values, so a
// seed replays the same faults for the same sequence of requests. Injected
// 5xx and 429 happen before the bank sees the request; drop happens after
// (the connection is hijacked and closed, or the HTTP/2 stream reset);
// timeout holds the request until the client gives up or the simulator
// closes.
//
// State lives in memory, or in Config.StateFile (JSON, 0600, written to a
// temporary file and renamed after every change). Only one account exists,
// so the multi-account error of §1.5 is never returned; an x-conta-corrente
// header that is not the account's answers 403.
package intersim
