// The Slipway workflow language. This grammar is the source of truth for the
// syntax; docs/language.md explains it with examples.
//
// Design notes:
// - Newlines are not significant: every statement starts with a keyword (or,
//   in a workflow, with a pipeline name), so blocks need no separators.
//   Commas between entries are optional.
// - Words that only mean something at the start of a step property (image,
//   run, env, ...) are soft keywords: they may still name steps, outputs and
//   params (`step image { ... }` then `image.digest`).
// - A string is one token; `${...}` interpolations inside it are parsed by the
//   front end with the `interpolation` rule, so their spans stay exact.
grammar Slipway;

file : importDecl* topDecl* EOF ;

importDecl : IMPORT STRING (AS ident)? ;

topDecl
  : paramDecl
  | secretDecl
  | templateDecl
  | pipelineDecl
  | workflowDecl
  ;

// ---------------------------------------------------------------- declarations

paramDecl : PARAM ident ':' typeRef ('=' expr)? ;

secretDecl : SECRET ident (':' ident)? ('{' secretBinding* '}')? ;
secretBinding : target=ident qualifier=ident? '=' expr ','? ;

templateDecl : TEMPLATE ident '(' paramList? ')' stepBody ;

pipelineDecl : PIPELINE ident ('(' paramList? ')')? '{' stepDecl* '}' ;

paramList : paramItem (',' paramItem)* ','? ;
paramItem : ident ':' typeRef ('=' expr)? ;

typeRef : typeName ('<' typeRef '>')? ;
// `secret` is a keyword but also the name of a type.
typeName : ident | SECRET ;

// ---------------------------------------------------------------- steps

stepDecl : STEP ident stepDef ;
stepDef
  : stepBody
  | '=' call stepBody?
  ;

call : ident ('.' ident)* '(' argList? ')' ;
argList : arg (',' arg)* ','? ;
arg : ident ':' expr ;

stepBody : '{' stepItem* '}' ;

stepItem
  : IMAGE expr                                  # imageItem
  | RUN expr                                    # runItem
  | ENTRYPOINT expr                             # entrypointItem
  | WORKDIR expr                                # workdirItem
  | ENV '{' envEntry* '}'                       # envItem
  | FILES '{' fileEntry* '}'                    # filesItem
  | OUTPUTS '{' outputEntry* '}'                # outputsItem
  | NEEDS '[' (ident (',' ident)* ','?)? ']'    # needsItem
  | TIMEOUT expr                                # timeoutItem
  | RETRY expr                                  # retryItem
  | ALLOW_FAILURE (TRUE | FALSE)?               # allowFailureItem
  | MANUAL STRING?                              # manualItem
  | READY expr                                  # readyItem
  | SERVICE ident stepBody                      # serviceItem
  | ON_FAILURE ident stepDef                    # onFailureItem
  | ALWAYS ident stepDef                        # alwaysItem
  ;

envEntry : ident '=' expr ','? ;
fileEntry : STRING '=' expr ','? ;
outputEntry : ident ':' typeRef ','? ;

// ---------------------------------------------------------------- workflows

workflowDecl : WORKFLOW ident '{' workflowItem* '}' ;

workflowItem
  : trigger
  | paramDecl
  | secretDecl
  | pipelineDecl
  | stepDecl        // steps written directly in a workflow form its own pipeline
  | chain
  ;

trigger
  : ON PUSH (BRANCHES expr)? (TAGS expr)?       # pushTrigger
  | ON MANUAL                                   # manualTrigger
  ;

// `build -> [lint, test] -> deploy(env: "prod") when git.branch == "main" manual`;
// a chain may also start with a fan list: `[build, lint] -> deploy`.
chain : chainTarget (ARROW chainTarget)* ;
chainTarget
  : chainElem
  | '[' chainElem (',' chainElem)* ','? ']'
  ;
chainElem : ident ('(' argList? ')')? (AS ident)? useModifier* ;
useModifier
  : WHEN expr                                   # whenModifier
  | MANUAL STRING?                              # manualModifier
  | ENVIRONMENT expr (URL expr)?                # environmentModifier
  ;

// ---------------------------------------------------------------- expressions

expr
  : primary                                     # primaryExpr
  | op='!' expr                                 # notExpr
  | op='-' expr                                 # negateExpr
  | expr op=('+' | '-') expr                    # addExpr
  | expr op=('<' | '<=' | '>' | '>=') expr      # compareExpr
  | expr op=('==' | '!=' | MATCHES) expr        # equalityExpr
  | expr op='&&' expr                           # andExpr
  | expr op='||' expr                           # orExpr
  ;

primary
  : STRING                                      # stringLit
  | TRIPLE_STRING                               # tripleStringLit
  | INT                                         # intLit
  | DURATION                                    # durationLit
  | (TRUE | FALSE)                              # boolLit
  | '[' (expr (',' expr)* ','?)? ']'            # listLit
  | ident '(' (expr (',' expr)* ','?)? ')'      # callExpr
  | ident ('.' ident)*                          # refExpr
  | '(' expr ')'                                # parenExpr
  ;

// Entry point for the text between `${` and `}` inside a string.
interpolation : expr EOF ;

// Soft keywords: step properties and trigger words may still be used as names.
ident
  : ID
  | IMAGE | RUN | ENTRYPOINT | WORKDIR | ENV | FILES | OUTPUTS | NEEDS
  | TIMEOUT | RETRY | READY | SERVICE | ALWAYS | PUSH | BRANCHES | TAGS | URL
  ;

// ---------------------------------------------------------------- tokens

IMPORT : 'import' ;
AS : 'as' ;
PARAM : 'param' ;
SECRET : 'secret' ;
TEMPLATE : 'template' ;
PIPELINE : 'pipeline' ;
WORKFLOW : 'workflow' ;
STEP : 'step' ;
IMAGE : 'image' ;
RUN : 'run' ;
ENTRYPOINT : 'entrypoint' ;
WORKDIR : 'workdir' ;
ENV : 'env' ;
FILES : 'files' ;
OUTPUTS : 'outputs' ;
NEEDS : 'needs' ;
TIMEOUT : 'timeout' ;
RETRY : 'retry' ;
ALLOW_FAILURE : 'allow_failure' ;
MANUAL : 'manual' ;
READY : 'ready' ;
SERVICE : 'service' ;
ON_FAILURE : 'on_failure' ;
ALWAYS : 'always' ;
ON : 'on' ;
PUSH : 'push' ;
BRANCHES : 'branches' ;
TAGS : 'tags' ;
WHEN : 'when' ;
ENVIRONMENT : 'environment' ;
URL : 'url' ;
MATCHES : 'matches' ;
TRUE : 'true' ;
FALSE : 'false' ;

ARROW : '->' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA : ',' ;
COLON : ':' ;
DOT : '.' ;
ASSIGN : '=' ;
EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
AND : '&&' ;
OR : '||' ;
NOT : '!' ;
PLUS : '+' ;
MINUS : '-' ;

// `10m`, `1h30m`, `90s`, `500ms`, `2d`; longer than INT, so it wins.
DURATION : ([0-9]+ ('ms' | 'd' | 'h' | 'm' | 's'))+ ;
INT : [0-9]+ ;
ID : [a-zA-Z_] [a-zA-Z0-9_]* ;

// `"""` opens a multi-line string; its indentation is stripped by the front end.
TRIPLE_STRING : '"""' .*? '"""' ;
UNTERMINATED_TRIPLE_STRING : '"""' ( ~'"' | '"' ~'"' | '""' ~'"' )* '"'? '"'? EOF ;
STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
// A string still open at the end of its line: reported as E0002.
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* ;

// Comments are kept (not skipped) for suppressions and the formatter.
COMMENT : ('#' | '//') ~[\r\n]* -> channel(2) ;
WS : [ \t\r\n\f]+ -> skip ;
// Any other character: reported as E0001 by the front end, never dropped.
UNKNOWN_CHAR : . ;
