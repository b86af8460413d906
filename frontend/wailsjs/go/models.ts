export namespace app {
	
	export class PartyDTO {
	    document: string;
	    name: string;
	    address: string;
	    number: string;
	    complement: string;
	    district: string;
	    city: string;
	    uf: string;
	    cep: string;
	    email: string;
	    ddd: string;
	    phone: string;
	
	    static createFrom(source: any = {}) {
	        return new PartyDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.document = source["document"];
	        this.name = source["name"];
	        this.address = source["address"];
	        this.number = source["number"];
	        this.complement = source["complement"];
	        this.district = source["district"];
	        this.city = source["city"];
	        this.uf = source["uf"];
	        this.cep = source["cep"];
	        this.email = source["email"];
	        this.ddd = source["ddd"];
	        this.phone = source["phone"];
	    }
	}
	export class CredentialsInput {
	    kind: string;
	    zipBase64: string;
	    zipName: string;
	    certBase64: string;
	    keyBase64: string;
	    pfxBase64: string;
	    pfxPassword: string;
	
	    static createFrom(source: any = {}) {
	        return new CredentialsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.zipBase64 = source["zipBase64"];
	        this.zipName = source["zipName"];
	        this.certBase64 = source["certBase64"];
	        this.keyBase64 = source["keyBase64"];
	        this.pfxBase64 = source["pfxBase64"];
	        this.pfxPassword = source["pfxPassword"];
	    }
	}
	export class AccountInput {
	    name: string;
	    agency: string;
	    accountNumber: string;
	    contaCorrente: string;
	    environment: string;
	    simulatorUrl: string;
	    simulatorCaPem: string;
	    directIntegration: boolean;
	    clientId: string;
	    clientSecret: string;
	    credentials: CredentialsInput;
	    beneficiary: PartyDTO;
	    operationNumber: string;
	    logoBase64: string;
	    removeLogo: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AccountInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.agency = source["agency"];
	        this.accountNumber = source["accountNumber"];
	        this.contaCorrente = source["contaCorrente"];
	        this.environment = source["environment"];
	        this.simulatorUrl = source["simulatorUrl"];
	        this.simulatorCaPem = source["simulatorCaPem"];
	        this.directIntegration = source["directIntegration"];
	        this.clientId = source["clientId"];
	        this.clientSecret = source["clientSecret"];
	        this.credentials = this.convertValues(source["credentials"], CredentialsInput);
	        this.beneficiary = this.convertValues(source["beneficiary"], PartyDTO);
	        this.operationNumber = source["operationNumber"];
	        this.logoBase64 = source["logoBase64"];
	        this.removeLogo = source["removeLogo"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ParametersDTO {
	    interestCode: string;
	    interestRateBp: number;
	    interestAmountCents: number;
	    fineCode: string;
	    fineRateBp: number;
	    fineAmountCents: number;
	    discountCode: string;
	    discountRateBp: number;
	    discountAmountCents: number;
	    discountDaysBefore: number;
	    agendaDays: number;
	    messages: string[];
	    defaultDueDays: number;
	
	    static createFrom(source: any = {}) {
	        return new ParametersDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.interestCode = source["interestCode"];
	        this.interestRateBp = source["interestRateBp"];
	        this.interestAmountCents = source["interestAmountCents"];
	        this.fineCode = source["fineCode"];
	        this.fineRateBp = source["fineRateBp"];
	        this.fineAmountCents = source["fineAmountCents"];
	        this.discountCode = source["discountCode"];
	        this.discountRateBp = source["discountRateBp"];
	        this.discountAmountCents = source["discountAmountCents"];
	        this.discountDaysBefore = source["discountDaysBefore"];
	        this.agendaDays = source["agendaDays"];
	        this.messages = source["messages"];
	        this.defaultDueDays = source["defaultDueDays"];
	    }
	}
	export class CertificateView {
	    subject: string;
	    issuer: string;
	    serial: string;
	    notBefore: string;
	    notAfter: string;
	    daysLeft: number;
	    status: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new CertificateView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subject = source["subject"];
	        this.issuer = source["issuer"];
	        this.serial = source["serial"];
	        this.notBefore = source["notBefore"];
	        this.notAfter = source["notAfter"];
	        this.daysLeft = source["daysLeft"];
	        this.status = source["status"];
	        this.message = source["message"];
	    }
	}
	export class AccountView {
	    id: number;
	    name: string;
	    bank: string;
	    bankName: string;
	    agency: string;
	    accountNumber: string;
	    contaCorrente: string;
	    environment: string;
	    environmentLabel: string;
	    isSimulation: boolean;
	    simulatorUrl: string;
	    directIntegration: boolean;
	    clientId: string;
	    hasClientSecret: boolean;
	    certificate?: CertificateView;
	    beneficiary: PartyDTO;
	    operationNumber: string;
	    logoDataUrl: string;
	    parameters: ParametersDTO;
	
	    static createFrom(source: any = {}) {
	        return new AccountView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.bank = source["bank"];
	        this.bankName = source["bankName"];
	        this.agency = source["agency"];
	        this.accountNumber = source["accountNumber"];
	        this.contaCorrente = source["contaCorrente"];
	        this.environment = source["environment"];
	        this.environmentLabel = source["environmentLabel"];
	        this.isSimulation = source["isSimulation"];
	        this.simulatorUrl = source["simulatorUrl"];
	        this.directIntegration = source["directIntegration"];
	        this.clientId = source["clientId"];
	        this.hasClientSecret = source["hasClientSecret"];
	        this.certificate = this.convertValues(source["certificate"], CertificateView);
	        this.beneficiary = this.convertValues(source["beneficiary"], PartyDTO);
	        this.operationNumber = source["operationNumber"];
	        this.logoDataUrl = source["logoDataUrl"];
	        this.parameters = this.convertValues(source["parameters"], ParametersDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AmountDueRow {
	    date: string;
	    label: string;
	    totalCents: number;
	    discountCents: number;
	    fineCents: number;
	    interestCents: number;
	    expired: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AmountDueRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.label = source["label"];
	        this.totalCents = source["totalCents"];
	        this.discountCents = source["discountCents"];
	        this.fineCents = source["fineCents"];
	        this.interestCents = source["interestCents"];
	        this.expired = source["expired"];
	    }
	}
	export class BackupAccountView {
	    name: string;
	    environmentLabel: string;
	    directIntegration: boolean;
	    needsCredentials: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BackupAccountView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.environmentLabel = source["environmentLabel"];
	        this.directIntegration = source["directIntegration"];
	        this.needsCredentials = source["needsCredentials"];
	    }
	}
	export class BackupStateView {
	    state: string;
	    label: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new BackupStateView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.label = source["label"];
	        this.count = source["count"];
	    }
	}
	export class BackupPreviewView {
	    path: string;
	    name: string;
	    takenAt: string;
	    size: number;
	    schemaVersion: number;
	    accounts: BackupAccountView[];
	    payers: number;
	    boletos: BackupStateView[];
	    totalBoletos: number;
	    lastBoletoAt: string;
	    problem: string;
	
	    static createFrom(source: any = {}) {
	        return new BackupPreviewView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.takenAt = source["takenAt"];
	        this.size = source["size"];
	        this.schemaVersion = source["schemaVersion"];
	        this.accounts = this.convertValues(source["accounts"], BackupAccountView);
	        this.payers = source["payers"];
	        this.boletos = this.convertValues(source["boletos"], BackupStateView);
	        this.totalBoletos = source["totalBoletos"];
	        this.lastBoletoAt = source["lastBoletoAt"];
	        this.problem = source["problem"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class BackupView {
	    name: string;
	    path: string;
	    kind: string;
	    takenAt: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new BackupView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.path = source["path"];
	        this.kind = source["kind"];
	        this.takenAt = source["takenAt"];
	        this.size = source["size"];
	    }
	}
	export class BackupsView {
	    dir: string;
	    backups: BackupView[];
	
	    static createFrom(source: any = {}) {
	        return new BackupsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.backups = this.convertValues(source["backups"], BackupView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BarcodeInfo {
	    bank: string;
	    bankName: string;
	    barcode: string;
	    digitableLine: string;
	    formatted: string;
	    dueDate: string;
	    amountCents: number;
	    amount: string;
	
	    static createFrom(source: any = {}) {
	        return new BarcodeInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.bank = source["bank"];
	        this.bankName = source["bankName"];
	        this.barcode = source["barcode"];
	        this.digitableLine = source["digitableLine"];
	        this.formatted = source["formatted"];
	        this.dueDate = source["dueDate"];
	        this.amountCents = source["amountCents"];
	        this.amount = source["amount"];
	    }
	}
	export class FieldProblemDTO {
	    field: string;
	    message: string;
	    warning: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FieldProblemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.message = source["message"];
	        this.warning = source["warning"];
	    }
	}
	export class BatchItemDTO {
	    id: number;
	    seuNumero: string;
	    state: string;
	    stateLabel: string;
	    outcome: string;
	    error: string;
	    fields: FieldProblemDTO[];
	
	    static createFrom(source: any = {}) {
	        return new BatchItemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.seuNumero = source["seuNumero"];
	        this.state = source["state"];
	        this.stateLabel = source["stateLabel"];
	        this.outcome = source["outcome"];
	        this.error = source["error"];
	        this.fields = this.convertValues(source["fields"], FieldProblemDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BatchView {
	    job: string;
	    done: number;
	    failed: number;
	    remaining: number;
	    total: number;
	    paused: boolean;
	    finished: boolean;
	    items: BatchItemDTO[];
	
	    static createFrom(source: any = {}) {
	        return new BatchView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.job = source["job"];
	        this.done = source["done"];
	        this.failed = source["failed"];
	        this.remaining = source["remaining"];
	        this.total = source["total"];
	        this.paused = source["paused"];
	        this.finished = source["finished"];
	        this.items = this.convertValues(source["items"], BatchItemDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BoletoActions {
	    edit: boolean;
	    issue: boolean;
	    unqueue: boolean;
	    delete: boolean;
	    duplicate: boolean;
	    cancel: boolean;
	    editAtBank: boolean;
	    substitute: boolean;
	    bankPdf: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BoletoActions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.edit = source["edit"];
	        this.issue = source["issue"];
	        this.unqueue = source["unqueue"];
	        this.delete = source["delete"];
	        this.duplicate = source["duplicate"];
	        this.cancel = source["cancel"];
	        this.editAtBank = source["editAtBank"];
	        this.substitute = source["substitute"];
	        this.bankPdf = source["bankPdf"];
	    }
	}
	export class TimelineEntry {
	    at: string;
	    kind: string;
	    state: string;
	    stateLabel: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new TimelineEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.kind = source["kind"];
	        this.state = source["state"];
	        this.stateLabel = source["stateLabel"];
	        this.message = source["message"];
	    }
	}
	export class DocumentRef {
	    id: number;
	    kind: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new DocumentRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.label = source["label"];
	    }
	}
	export class BoletoRow {
	    id: number;
	    accountId: number;
	    seuNumero: string;
	    state: string;
	    stateLabel: string;
	    amountCents: number;
	    dueDate: string;
	    payerName: string;
	    payerDocument: string;
	    nossoNumero: string;
	    paidAmountCents: number;
	    paidDate: string;
	    paidChannel: string;
	    installment: string;
	    attention: string[];
	
	    static createFrom(source: any = {}) {
	        return new BoletoRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.accountId = source["accountId"];
	        this.seuNumero = source["seuNumero"];
	        this.state = source["state"];
	        this.stateLabel = source["stateLabel"];
	        this.amountCents = source["amountCents"];
	        this.dueDate = source["dueDate"];
	        this.payerName = source["payerName"];
	        this.payerDocument = source["payerDocument"];
	        this.nossoNumero = source["nossoNumero"];
	        this.paidAmountCents = source["paidAmountCents"];
	        this.paidDate = source["paidDate"];
	        this.paidChannel = source["paidChannel"];
	        this.installment = source["installment"];
	        this.attention = source["attention"];
	    }
	}
	export class BoletoDetail {
	    row: BoletoRow;
	    version: number;
	    accountName: string;
	    payerId: number;
	    payer: PartyDTO;
	    finalBeneficiary?: PartyDTO;
	    charges: ParametersDTO;
	    instructions: string[];
	    issueDate: string;
	    codigoSolicitacao: string;
	    barcode: string;
	    linhaDigitavel: string;
	    pixCopiaECola: string;
	    txid: string;
	    bankSituation: string;
	    failureReason: string;
	    cancelReason: string;
	    replacesId: number;
	    replacedById: number;
	    documentId: number;
	    document?: DocumentRef;
	    problems: FieldProblemDTO[];
	    amountDue: AmountDueRow[];
	    timeline: TimelineEntry[];
	    actions: BoletoActions;
	
	    static createFrom(source: any = {}) {
	        return new BoletoDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = this.convertValues(source["row"], BoletoRow);
	        this.version = source["version"];
	        this.accountName = source["accountName"];
	        this.payerId = source["payerId"];
	        this.payer = this.convertValues(source["payer"], PartyDTO);
	        this.finalBeneficiary = this.convertValues(source["finalBeneficiary"], PartyDTO);
	        this.charges = this.convertValues(source["charges"], ParametersDTO);
	        this.instructions = source["instructions"];
	        this.issueDate = source["issueDate"];
	        this.codigoSolicitacao = source["codigoSolicitacao"];
	        this.barcode = source["barcode"];
	        this.linhaDigitavel = source["linhaDigitavel"];
	        this.pixCopiaECola = source["pixCopiaECola"];
	        this.txid = source["txid"];
	        this.bankSituation = source["bankSituation"];
	        this.failureReason = source["failureReason"];
	        this.cancelReason = source["cancelReason"];
	        this.replacesId = source["replacesId"];
	        this.replacedById = source["replacedById"];
	        this.documentId = source["documentId"];
	        this.document = this.convertValues(source["document"], DocumentRef);
	        this.problems = this.convertValues(source["problems"], FieldProblemDTO);
	        this.amountDue = this.convertValues(source["amountDue"], AmountDueRow);
	        this.timeline = this.convertValues(source["timeline"], TimelineEntry);
	        this.actions = this.convertValues(source["actions"], BoletoActions);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BoletoFilter {
	    accountId: number;
	    states: string[];
	    dueFrom: string;
	    dueTo: string;
	    paidFrom: string;
	    paidTo: string;
	    payerId: number;
	    documentKinds: string[];
	    documentId: number;
	    text: string;
	    order: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new BoletoFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.states = source["states"];
	        this.dueFrom = source["dueFrom"];
	        this.dueTo = source["dueTo"];
	        this.paidFrom = source["paidFrom"];
	        this.paidTo = source["paidTo"];
	        this.payerId = source["payerId"];
	        this.documentKinds = source["documentKinds"];
	        this.documentId = source["documentId"];
	        this.text = source["text"];
	        this.order = source["order"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class BoletoPage {
	    rows: BoletoRow[];
	    total: number;
	    totalAmountCents: number;
	    totalPaidCents: number;
	
	    static createFrom(source: any = {}) {
	        return new BoletoPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], BoletoRow);
	        this.total = source["total"];
	        this.totalAmountCents = source["totalAmountCents"];
	        this.totalPaidCents = source["totalPaidCents"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class CarneResult {
	    documentId: number;
	    ids: number[];
	
	    static createFrom(source: any = {}) {
	        return new CarneResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.documentId = source["documentId"];
	        this.ids = source["ids"];
	    }
	}
	export class CertificateStatus {
	    accountId: number;
	    accountName: string;
	    daysLeft: number;
	    status: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new CertificateStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.accountName = source["accountName"];
	        this.daysLeft = source["daysLeft"];
	        this.status = source["status"];
	        this.message = source["message"];
	    }
	}
	
	export class ConnectionTest {
	    ok: boolean;
	    message: string;
	    steps: string[];
	
	    static createFrom(source: any = {}) {
	        return new ConnectionTest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.message = source["message"];
	        this.steps = source["steps"];
	    }
	}
	export class ContractInput {
	    accountId: number;
	    payer: PartyDTO;
	    number: string;
	    description: string;
	    monthlyCents: number;
	    day: number;
	    startDate: string;
	    endDate: string;
	    months: number;
	    leadDays: number;
	    autoIssue: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ContractInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.payer = this.convertValues(source["payer"], PartyDTO);
	        this.number = source["number"];
	        this.description = source["description"];
	        this.monthlyCents = source["monthlyCents"];
	        this.day = source["day"];
	        this.startDate = source["startDate"];
	        this.endDate = source["endDate"];
	        this.months = source["months"];
	        this.leadDays = source["leadDays"];
	        this.autoIssue = source["autoIssue"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ContractView {
	    id: number;
	    accountId: number;
	    documentId: number;
	    number: string;
	    description: string;
	    payerName: string;
	    payerDocument: string;
	    monthlyCents: number;
	    day: number;
	    startDate: string;
	    endDate: string;
	    months: number;
	    leadDays: number;
	    autoIssue: boolean;
	    active: boolean;
	    billedMonths: number;
	    nextDueDate: string;
	
	    static createFrom(source: any = {}) {
	        return new ContractView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.accountId = source["accountId"];
	        this.documentId = source["documentId"];
	        this.number = source["number"];
	        this.description = source["description"];
	        this.payerName = source["payerName"];
	        this.payerDocument = source["payerDocument"];
	        this.monthlyCents = source["monthlyCents"];
	        this.day = source["day"];
	        this.startDate = source["startDate"];
	        this.endDate = source["endDate"];
	        this.months = source["months"];
	        this.leadDays = source["leadDays"];
	        this.autoIssue = source["autoIssue"];
	        this.active = source["active"];
	        this.billedMonths = source["billedMonths"];
	        this.nextDueDate = source["nextDueDate"];
	    }
	}
	
	export class DashboardBoletoDTO {
	    id: number;
	    seuNumero: string;
	    payerName: string;
	    payerDocument: string;
	    dueDate: string;
	    amountCents: number;
	    daysLate: number;
	
	    static createFrom(source: any = {}) {
	        return new DashboardBoletoDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.seuNumero = source["seuNumero"];
	        this.payerName = source["payerName"];
	        this.payerDocument = source["payerDocument"];
	        this.dueDate = source["dueDate"];
	        this.amountCents = source["amountCents"];
	        this.daysLate = source["daysLate"];
	    }
	}
	export class SyncStatus {
	    accountId: number;
	    at: string;
	    changed: number;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.at = source["at"];
	        this.changed = source["changed"];
	        this.error = source["error"];
	    }
	}
	export class SeriesPointDTO {
	    date: string;
	    channel: string;
	    count: number;
	    cents: number;
	
	    static createFrom(source: any = {}) {
	        return new SeriesPointDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.channel = source["channel"];
	        this.count = source["count"];
	        this.cents = source["cents"];
	    }
	}
	export class TotalDTO {
	    count: number;
	    cents: number;
	
	    static createFrom(source: any = {}) {
	        return new TotalDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.cents = source["cents"];
	    }
	}
	export class DashboardDTO {
	    today: string;
	    toReceive: TotalDTO;
	    overdue: TotalDTO;
	    received: TotalDTO;
	    receivedNominalCents: number;
	    cancelledExpired: TotalDTO;
	    drafts: number;
	    series: SeriesPointDTO[];
	    nextDue: DashboardBoletoDTO[];
	    overdueList: DashboardBoletoDTO[];
	    sync: SyncStatus[];
	    certificates: CertificateStatus[];
	
	    static createFrom(source: any = {}) {
	        return new DashboardDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.today = source["today"];
	        this.toReceive = this.convertValues(source["toReceive"], TotalDTO);
	        this.overdue = this.convertValues(source["overdue"], TotalDTO);
	        this.received = this.convertValues(source["received"], TotalDTO);
	        this.receivedNominalCents = source["receivedNominalCents"];
	        this.cancelledExpired = this.convertValues(source["cancelledExpired"], TotalDTO);
	        this.drafts = source["drafts"];
	        this.series = this.convertValues(source["series"], SeriesPointDTO);
	        this.nextDue = this.convertValues(source["nextDue"], DashboardBoletoDTO);
	        this.overdueList = this.convertValues(source["overdueList"], DashboardBoletoDTO);
	        this.sync = this.convertValues(source["sync"], SyncStatus);
	        this.certificates = this.convertValues(source["certificates"], CertificateStatus);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DashboardQueryDTO {
	    accountId: number;
	    from: string;
	    to: string;
	    series: string;
	
	    static createFrom(source: any = {}) {
	        return new DashboardQueryDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.series = source["series"];
	    }
	}
	
	export class DocumentView {
	    id: number;
	    kind: string;
	    label: string;
	    kindLabel: string;
	    number: string;
	    series: string;
	    accessKey: string;
	    issueDate: string;
	    totalCents: number;
	    boletos: BoletoRow[];
	
	    static createFrom(source: any = {}) {
	        return new DocumentView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.label = source["label"];
	        this.kindLabel = source["kindLabel"];
	        this.number = source["number"];
	        this.series = source["series"];
	        this.accessKey = source["accessKey"];
	        this.issueDate = source["issueDate"];
	        this.totalCents = source["totalCents"];
	        this.boletos = this.convertValues(source["boletos"], BoletoRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DraftInput {
	    accountId: number;
	    payerId: number;
	    seuNumero: string;
	    amountCents: number;
	    dueDate: string;
	    payer: PartyDTO;
	    charges: ParametersDTO;
	    finalBeneficiary?: PartyDTO;
	
	    static createFrom(source: any = {}) {
	        return new DraftInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.payerId = source["payerId"];
	        this.seuNumero = source["seuNumero"];
	        this.amountCents = source["amountCents"];
	        this.dueDate = source["dueDate"];
	        this.payer = this.convertValues(source["payer"], PartyDTO);
	        this.charges = this.convertValues(source["charges"], ParametersDTO);
	        this.finalBeneficiary = this.convertValues(source["finalBeneficiary"], PartyDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DraftPreview {
	    problems: FieldProblemDTO[];
	    amountDue: AmountDueRow[];
	    instructions: string[];
	
	    static createFrom(source: any = {}) {
	        return new DraftPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.problems = this.convertValues(source["problems"], FieldProblemDTO);
	        this.amountDue = this.convertValues(source["amountDue"], AmountDueRow);
	        this.instructions = source["instructions"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EditInput {
	    dueDate: string;
	    amountCents: number;
	
	    static createFrom(source: any = {}) {
	        return new EditInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dueDate = source["dueDate"];
	        this.amountCents = source["amountCents"];
	    }
	}
	export class EditOutcome {
	    boleto: BoletoDetail;
	    status: string;
	    refused: boolean;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new EditOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.boleto = this.convertValues(source["boleto"], BoletoDetail);
	        this.status = source["status"];
	        this.refused = source["refused"];
	        this.message = source["message"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ImportInstallmentView {
	    seq: number;
	    number: string;
	    dueDate: string;
	    amountCents: number;
	    imported: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportInstallmentView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.number = source["number"];
	        this.dueDate = source["dueDate"];
	        this.amountCents = source["amountCents"];
	        this.imported = source["imported"];
	    }
	}
	export class ImportDocView {
	    key: string;
	    file: string;
	    format: string;
	    kind: string;
	    kindLabel: string;
	    number: string;
	    series: string;
	    accessKey: string;
	    issueDate: string;
	    totalCents: number;
	    payer: PartyDTO;
	    installments: ImportInstallmentView[];
	    warnings: string[];
	    errors: string[];
	    documentId: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportDocView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.file = source["file"];
	        this.format = source["format"];
	        this.kind = source["kind"];
	        this.kindLabel = source["kindLabel"];
	        this.number = source["number"];
	        this.series = source["series"];
	        this.accessKey = source["accessKey"];
	        this.issueDate = source["issueDate"];
	        this.totalCents = source["totalCents"];
	        this.payer = this.convertValues(source["payer"], PartyDTO);
	        this.installments = this.convertValues(source["installments"], ImportInstallmentView);
	        this.warnings = source["warnings"];
	        this.errors = source["errors"];
	        this.documentId = source["documentId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportFile {
	    name: string;
	    base64: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.base64 = source["base64"];
	    }
	}
	export class ImportFileError {
	    file: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportFileError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.message = source["message"];
	    }
	}
	
	export class ImportOutcomeView {
	    key: string;
	    file: string;
	    label: string;
	    documentId: number;
	    existing: boolean;
	    created: number[];
	    skipped: number;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportOutcomeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.file = source["file"];
	        this.label = source["label"];
	        this.documentId = source["documentId"];
	        this.existing = source["existing"];
	        this.created = source["created"];
	        this.skipped = source["skipped"];
	        this.error = source["error"];
	    }
	}
	export class ImportPreview {
	    documents: ImportDocView[];
	    fileErrors: ImportFileError[];
	
	    static createFrom(source: any = {}) {
	        return new ImportPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.documents = this.convertValues(source["documents"], ImportDocView);
	        this.fileErrors = this.convertValues(source["fileErrors"], ImportFileError);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportRequest {
	    files: ImportFile[];
	    accountId: number;
	    dueDate: string;
	    charges?: ParametersDTO;
	    skip: string[];
	    issue: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.files = this.convertValues(source["files"], ImportFile);
	        this.accountId = source["accountId"];
	        this.dueDate = source["dueDate"];
	        this.charges = this.convertValues(source["charges"], ParametersDTO);
	        this.skip = source["skip"];
	        this.issue = source["issue"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportResult {
	    outcomes: ImportOutcomeView[];
	    created: number;
	    batch?: BatchView;
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.outcomes = this.convertValues(source["outcomes"], ImportOutcomeView);
	        this.created = source["created"];
	        this.batch = this.convertValues(source["batch"], BatchView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class InstallmentPlanInput {
	    totalCents: number;
	    count: number;
	    firstDueDate: string;
	    intervalDays: number;
	    downPaymentCents: number;
	    downPaymentDate: string;
	    documentKind: string;
	    documentNumber: string;
	
	    static createFrom(source: any = {}) {
	        return new InstallmentPlanInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.totalCents = source["totalCents"];
	        this.count = source["count"];
	        this.firstDueDate = source["firstDueDate"];
	        this.intervalDays = source["intervalDays"];
	        this.downPaymentCents = source["downPaymentCents"];
	        this.downPaymentDate = source["downPaymentDate"];
	        this.documentKind = source["documentKind"];
	        this.documentNumber = source["documentNumber"];
	    }
	}
	export class ItemResult {
	    id: number;
	    seuNumero: string;
	    ok: boolean;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new ItemResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.seuNumero = source["seuNumero"];
	        this.ok = source["ok"];
	        this.message = source["message"];
	    }
	}
	export class MailMessageDTO {
	    id: number;
	    boletoId: number;
	    to: string;
	    subject: string;
	    state: string;
	    attempts: number;
	    lastError: string;
	    nextTry: string;
	    sentAt: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new MailMessageDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.boletoId = source["boletoId"];
	        this.to = source["to"];
	        this.subject = source["subject"];
	        this.state = source["state"];
	        this.attempts = source["attempts"];
	        this.lastError = source["lastError"];
	        this.nextTry = source["nextTry"];
	        this.sentAt = source["sentAt"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class MailSettingsDTO {
	    host: string;
	    port: number;
	    security: string;
	    username: string;
	    password: string;
	    fromName: string;
	    fromAddress: string;
	    replyTo: string;
	    subject: string;
	    body: string;
	    configured: boolean;
	    hasPassword: boolean;
	    warnings: FieldProblemDTO[];
	    defaultSubject: string;
	    defaultBody: string;
	
	    static createFrom(source: any = {}) {
	        return new MailSettingsDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.host = source["host"];
	        this.port = source["port"];
	        this.security = source["security"];
	        this.username = source["username"];
	        this.password = source["password"];
	        this.fromName = source["fromName"];
	        this.fromAddress = source["fromAddress"];
	        this.replyTo = source["replyTo"];
	        this.subject = source["subject"];
	        this.body = source["body"];
	        this.configured = source["configured"];
	        this.hasPassword = source["hasPassword"];
	        this.warnings = this.convertValues(source["warnings"], FieldProblemDTO);
	        this.defaultSubject = source["defaultSubject"];
	        this.defaultBody = source["defaultBody"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NotificationDTO {
	    id: number;
	    kind: string;
	    title: string;
	    body: string;
	    accountId: number;
	    boletoId: number;
	    route: string;
	    createdAt: string;
	    read: boolean;
	
	    static createFrom(source: any = {}) {
	        return new NotificationDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.accountId = source["accountId"];
	        this.boletoId = source["boletoId"];
	        this.route = source["route"];
	        this.createdAt = source["createdAt"];
	        this.read = source["read"];
	    }
	}
	export class NotificationList {
	    items: NotificationDTO[];
	    unread: number;
	    hasMore: boolean;
	
	    static createFrom(source: any = {}) {
	        return new NotificationList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], NotificationDTO);
	        this.unread = source["unread"];
	        this.hasMore = source["hasMore"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NotificationQuery {
	    limit: number;
	    unreadOnly: boolean;
	    beforeId: number;
	
	    static createFrom(source: any = {}) {
	        return new NotificationQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.limit = source["limit"];
	        this.unreadOnly = source["unreadOnly"];
	        this.beforeId = source["beforeId"];
	    }
	}
	export class NotificationSettings {
	    system: boolean;
	    desktop: boolean;
	
	    static createFrom(source: any = {}) {
	        return new NotificationSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.system = source["system"];
	        this.desktop = source["desktop"];
	    }
	}
	export class OperationView {
	    op: string;
	    ok: boolean;
	    message: string;
	    needCredentials: string[];
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new OperationView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.op = source["op"];
	        this.ok = source["ok"];
	        this.message = source["message"];
	        this.needCredentials = source["needCredentials"];
	        this.at = source["at"];
	    }
	}
	export class PDFFile {
	    fileName: string;
	    base64: string;
	
	    static createFrom(source: any = {}) {
	        return new PDFFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fileName = source["fileName"];
	        this.base64 = source["base64"];
	    }
	}
	
	
	export class PayerView {
	    id: number;
	    document: string;
	    documentFormatted: string;
	    kind: string;
	    name: string;
	    address: string;
	    number: string;
	    complement: string;
	    district: string;
	    city: string;
	    uf: string;
	    cep: string;
	    cepFormatted: string;
	    email: string;
	    ddd: string;
	    phone: string;
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new PayerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.document = source["document"];
	        this.documentFormatted = source["documentFormatted"];
	        this.kind = source["kind"];
	        this.name = source["name"];
	        this.address = source["address"];
	        this.number = source["number"];
	        this.complement = source["complement"];
	        this.district = source["district"];
	        this.city = source["city"];
	        this.uf = source["uf"];
	        this.cep = source["cep"];
	        this.cepFormatted = source["cepFormatted"];
	        this.email = source["email"];
	        this.ddd = source["ddd"];
	        this.phone = source["phone"];
	        this.warnings = source["warnings"];
	    }
	}
	export class PixInfo {
	    crc: string;
	    url: string;
	    key: string;
	    amount: string;
	    merchantName: string;
	    merchantCity: string;
	    postalCode: string;
	    txid: string;
	    dynamic: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PixInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.crc = source["crc"];
	        this.url = source["url"];
	        this.key = source["key"];
	        this.amount = source["amount"];
	        this.merchantName = source["merchantName"];
	        this.merchantCity = source["merchantCity"];
	        this.postalCode = source["postalCode"];
	        this.txid = source["txid"];
	        this.dynamic = source["dynamic"];
	    }
	}
	export class PlannedInstallmentRow {
	    label: string;
	    dueDate: string;
	    amountCents: number;
	    downPayment: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PlannedInstallmentRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.label = source["label"];
	        this.dueDate = source["dueDate"];
	        this.amountCents = source["amountCents"];
	        this.downPayment = source["downPayment"];
	    }
	}
	export class PlanPreview {
	    rows: PlannedInstallmentRow[];
	    problems: FieldProblemDTO[];
	
	    static createFrom(source: any = {}) {
	        return new PlanPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], PlannedInstallmentRow);
	        this.problems = this.convertValues(source["problems"], FieldProblemDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class PrintRequest {
	    ids: number[];
	    layout: string;
	
	    static createFrom(source: any = {}) {
	        return new PrintRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ids = source["ids"];
	        this.layout = source["layout"];
	    }
	}
	export class ReportColumnDTO {
	    header: string;
	    kind: string;
	
	    static createFrom(source: any = {}) {
	        return new ReportColumnDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.header = source["header"];
	        this.kind = source["kind"];
	    }
	}
	export class ReportTableDTO {
	    name: string;
	    columns: ReportColumnDTO[];
	    rows: string[][];
	    totals: string[];
	
	    static createFrom(source: any = {}) {
	        return new ReportTableDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.columns = this.convertValues(source["columns"], ReportColumnDTO);
	        this.rows = source["rows"];
	        this.totals = source["totals"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReportDTO {
	    title: string;
	    filters: string[];
	    tables: ReportTableDTO[];
	
	    static createFrom(source: any = {}) {
	        return new ReportDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.filters = source["filters"];
	        this.tables = this.convertValues(source["tables"], ReportTableDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReportFilterDTO {
	    accountId: number;
	    dateField: string;
	    from: string;
	    to: string;
	    states: string[];
	    payerDocument: string;
	    documentKinds: string[];
	
	    static createFrom(source: any = {}) {
	        return new ReportFilterDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.dateField = source["dateField"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.states = source["states"];
	        this.payerDocument = source["payerDocument"];
	        this.documentKinds = source["documentKinds"];
	    }
	}
	
	
	export class SettingsView {
	    pollMinutes: number;
	    pollOptions: number[];
	    logLevel: string;
	    logLevelFlag: string;
	    logFile: string;
	    logDir: string;
	    dataDir: string;
	    desktop: boolean;
	    lastOperation?: OperationView;
	    sessionStarted: string;
	
	    static createFrom(source: any = {}) {
	        return new SettingsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pollMinutes = source["pollMinutes"];
	        this.pollOptions = source["pollOptions"];
	        this.logLevel = source["logLevel"];
	        this.logLevelFlag = source["logLevelFlag"];
	        this.logFile = source["logFile"];
	        this.logDir = source["logDir"];
	        this.dataDir = source["dataDir"];
	        this.desktop = source["desktop"];
	        this.lastOperation = this.convertValues(source["lastOperation"], OperationView);
	        this.sessionStarted = source["sessionStarted"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StateOption {
	    value: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new StateOption(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	    }
	}
	export class SubstituteInput {
	    dueDate: string;
	    amountCents: number;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new SubstituteInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dueDate = source["dueDate"];
	        this.amountCents = source["amountCents"];
	        this.reason = source["reason"];
	    }
	}
	
	export class SystemInfo {
	    version: string;
	    dataDir: string;
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new SystemInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.warnings = source["warnings"];
	    }
	}
	
	
	export class WelcomeView {
	    show: boolean;
	    dataDir: string;
	    backupDir: string;
	    hasDemo: boolean;
	    hasRealAccount: boolean;
	
	    static createFrom(source: any = {}) {
	        return new WelcomeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.show = source["show"];
	        this.dataDir = source["dataDir"];
	        this.backupDir = source["backupDir"];
	        this.hasDemo = source["hasDemo"];
	        this.hasRealAccount = source["hasRealAccount"];
	    }
	}

}

