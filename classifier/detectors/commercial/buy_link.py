"""``commercial.buy_link``: purchase calls to action in anchors, link targets and running text, carts, pill prices."""

from __future__ import annotations

import itertools
import re

from ...page import Page
from ...results import Flag
from ..base import Detector, make_flag
from ._shared import (
    _DRUGS,
    _RX,
    _TOLD_OF_OTHERS,
    DESIGNER_PREFIX,
    _finditer_at,
    _line,
    _quoted,
    _sentence,
    _severity,
    _warned_list,
)
from .affiliate import _AFFILIATE
from .context import _Context, _context, _near
from .disguise import _fold
from .pharmacy import _INSURANCE
from .urls import _host_path, _is_locator, _shop_address, _trusted, _url_sells

_BUY_VERB = (r"(?:buy(?:ing)?|order(?:ing)?|purchas(?:e|ing)|shop\s+for|(?:make|place)\s+(?:the\s+|an\s+|your\s+)?order(?:\s+for)?"
             # an affiliate review's button ("Check the current price at shop.example"); read only on pages
             # that declare affiliate earnings, since a cost article tells readers to compare prices too
             r"|check\s+(?:the\s+)?(?:current\s+|latest\s+|today'?s\s+|lowest\s+|best\s+)?prices?)")
_ADJ = (r"(?:(?:cheap|cheapest|generic|discount(?:ed)?|real|genuine|brand|legit|legal|original|quality|compounded|"
        r"injectable|oral|branded|authentic|brand-name|name-brand)\s+){0,2}")
# A shop's label may put a colon where the object goes ("ORDER: shop.example/x"): the address rule reads what follows.
_BUY_AT = re.compile(r"(?<![\w-])(" + _BUY_VERB + r")(?:\s+|(?=:))" + _ADJ)
_BUY_AT_START = ("buy", "order", "purchas", "shop", "make", "place", "check")
_SELL_TAIL = re.compile(
    # a salt or release form and a strength may come between the name and the selling words
    r"(?:[ \t]{1,3}(?:hcl|hydrochloride|cypionate|enanthate|propionate|sulfate|sulphate|tartrate|bitartrate|succinate|"
    r"phosphate|acetate|citrate|mesylate|maleate|besylate|sodium|xr|er|ir|sr|cr))?"
    r"(?:\s{0,3}\d{1,5}(?:\.\d{1,3})?\s{0,3}mg)?(?:[ \t]{1,3}(?:online|now|today|cheap|overnight|fast|for\s+sale|cod|here|"
    r"without\s+(?:a\s+|any\s+)?(?:prescription|rx|script)|no\s+(?:prescription|rx)|"
    r"with\s+no\s+(?:prescription|rx)|in\s+(?:the\s+)?(?:usa|uk|us)|usa|uk|next[\s-]day|same[\s-]day)\b)+",
    re.I,
)
# A shop's address written in the text ("shop.example", "https://pills.example"), its host named.
_ADDRESS = r"(?:https?://)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b"
# "Order today at shop.example": the buy verb's object is a shop's address, the drugs are named nearby.
# The verb may take a short object first ("Buy a 28-day box at shop.example"), and a colon may stand for "at"
# ("Place your order here: shop.example/order").
# The object may be a pronoun for the drug named before ("You can order it here: shop.example/trial").
_SHOP_AT = re.compile(r"(?:(?:a|an|one|your|the|some)\s+[^\n.!?:]{1,30}?\s|(?:it|them)\s+)?(?:(?:now|today|online|securely|here)(?:\s+|(?=:))){0,2}"
                      r"(?:(?:at|from|on|via)\s+|:\s*)" + _ADDRESS)
# "get your 4dderall shipped fast", "get some Xanax delivered today": a seller's offer around a name.
_GET_BEFORE = re.compile(r"\bget\s+(?:your|some|the)\s+$")
_GET_AFTER = re.compile(r"[^\n.!?]{0,30}?\b(?:shipped|delivered|overnight|to\s+your\s+door)\b")
# "have compounded semaglutide shipped to your door": the same offer with "have", told to the reader by the door it
# reaches. Without "your" it is told of others ("patients can have their tirzepatide shipped from a compounder").
_HAVE_BEFORE = re.compile(r"\bhave\s+(?:(?:your|some|the|a)\s+)?" + _ADJ + r"$")
_HAVE_AFTER = re.compile(r"[^\n.!?]{0,30}?\b(?:shipped|delivered|sent|mailed)\s{1,3}(?:(?:straight|right|directly|discreetly)\s{1,3})?"
                         r"to\s{1,3}your\s{1,3}(?:door(?:step)?|home|house|mailbox)\b")
# "grab X@n@x bars at calmrx.example", "you can get V1agra, C!alis ... cheap at pills.example": a name offered
# at a shop's address, told to the reader (an imperative or "you can get"), or said to be in stock there.
# Arrows point from a list of names to the shop in forum signatures ("V1agra * X@nax >> pills.example/shop"); spam
# also draws them with the dingbat arrows (➜ ➔ ➡ ▶ 👉 ...). "here:" points like "at" ("order X 10mg here: shop.example").
_ARROW_CHARS = "\u2192\u00bb\u21d2\u27f6\u25b6\u25ba\U0001f449" + "".join(map(chr, range(0x2794, 0x27bf)))
_AT_SHOP = re.compile(r"[^\n.!?]{0,40}?(?:\s|^)(?P<via>at|@|from|via|>>|->|=>|[" + _ARROW_CHARS + r"]|here[ \t]?:)\s*"
                      + _ADDRESS + r"(?P<path>/[\w./?=&-]{0,60})?")
_ARROW = frozenset({">>", "->", "=>", *_ARROW_CHARS})
_GET_VERB = re.compile(r"\b(?:grab|get|order|buy|cop|score|claim|pick\s+up)\b")
# "here:" also points at reading ("get the leaflet for X here: ..."): a verb then sells only when the drug is its
# object, at most a determiner and two words away ("claim your X 5mg starter pack here: ...").
_VERB_OBJECT = re.compile(r"\s{1,3}(?:(?:your|my|the|a|an|some|this|these|our)\s{1,3})?(?:[\w-]{1,20}\s{1,3}){0,2}")
_STOCKED = re.compile(r"\b(?:in\s+stock|available|for\s+sale|cheap)\b")
# A dealer's post: "DM me to order", "text me for prices" near a drug name.
# A channel post names the seller's handle instead ("DM @plug_orders to order").
_DM_ORDER = re.compile(r"\b(?:dm|pm|message|inbox|text|hmu|hit\s+me\s+up)\s+(?:me\s+|us\s+|@[\w.]{2,32}\s+|\+?\d[\d().-]{6,15}\s+)?"
                       # "text 555-0147 with what you want and your zip to order"
                       r"(?:(?:with|and)\s+(?:[\w'’]+\s+){1,8}?)?"
                       # a keyword the seller's inbox answers ('DM "FOCUS" to order', "PM the word 'menu' for prices")
                       r"(?:(?:the\s+(?:word|code)\s+)?[\"'“‘][\w-]{1,20}(?:[ \t][\w-]{1,20})?[\"'”’]\s+)?"
                       r"(?:to\s+(?:order|buy|cop|place\s+(?:an\s+|your\s+)?order)|for\s+(?:prices?|orders?|the\s+menu))\b")
_DM_START = ("dm", "pm", "message", "inbox", "text", "hmu", "hit")
# A dealer's post may only say what is in stock and how to reach them, without "to order": "got X 30s in stock.
# DM me or hit my tele @handle". The stock must be the poster's own, told before the contact line on the same line;
# a question ("anyone have X in stock? DM me") or a store holding it ("my pharmacy finally has X in stock again,
# message me for the name") is not an offer.
_MESSENGER = r"(?:tele(?:gram)?|wickr|signal|snap(?:chat)?|whats\s?app|kik|threema|session)"
_DM_CONTACT = re.compile(r"\b(?:(?:dm|pm|message|inbox|msg|text)\s+(?:me|us)|hmu|hit\s+me\s+up|"
                         r"(?:hit|find|add|msg|message)\s+(?:me|us|my|our)\s+(?:on\s+|up\s+on\s+)?" + _MESSENGER + r")\b"
                         r"(?:\s{0,3}(?:@|:)\s{0,3}[\w.]{2,32})?")
_DM_CONTACT_START = ("dm", "pm", "message", "inbox", "msg", "text", "hmu", "hit", "find", "add")
_OWN_STOCK = re.compile(r"\b(?:in\s+stock|(?:re|fresh(?:ly)?\s+)stocked|for\s+sale)\b")
_STOCK_HOLDER = re.compile(r"\b(?:pharmac(?:y|ies|ist)|drugstores?|chemists?|stores?|chains?|wholesalers?|suppliers?|clinics?)"
                           r"\s{1,3}(?:\w{1,20}\s{1,3}){0,2}(?:has|have|had|got|gets|is|are|was|were)\b")
# A telehealth shop's call to action: "Start your semaglutide plan today".
_PLAN_BEFORE = re.compile(r"\b(?:start|begin|get)\s+your\s+$")
_PLAN_AFTER = re.compile(r"[ \t]{1,3}(?:plan|subscription|program(?:me)?|membership)[ \t]{1,3}(?:today|now|online)\b")
# Who says "buy X online" decides what it is: a reader addressed ("how to", "you can") or a shop line,
# not a reporter describing what others do ("people who buy X online").
_ADDRESSED = re.compile(r"(?:where\s+to|how\s+to|here\s+to|click\s+to|you\s+can|can\s+i|can\s+you|best\s+place\s+to|"
                        # a press release or an advertorial speaks to its "readers" ("Readers can order X at ...")
                        r"safe\s+to|easy\s+to|you\s+should|want\s+to|need\s+to|now\s+you\s+can|readers\s+can)\s+"
                        # the order may be a noun the reader is told to start ("you can place an order for X at ...")
                        r"(?:(?:start|place|make)\s+(?:an?|your)\s+)?$", re.I)
_ANCHOR_BUY = re.compile(r"\b(?:buy|order|purchase|shop)\b", re.I)
_ANCHOR_GET = re.compile(r"\bget\b.{0,60}?\b(?:now|online|today|cheap|without|no\s+prescription)\b"
                         # a deal button opens with "Get" and prices the drug it offers ("Get finasteride for $10",
                         # "Get $15 off sildenafil"); a headline ("How to get X for $35") does not open so
                         r"|^\W{0,3}get\s(?:.{0,60}?\sfor\s+(?:only\s+|just\s+)?[$€£]\s?\d|\s{0,2}[$€£]\s?\d{1,4}\s+off\b)", re.I)
_ANCHOR_SELL = re.compile(
    r"\b(?:online|cheap|now|today|discount|generic|overnight|pills?|tabs|tablets?|meds|rx|without\s+(?:a\s+)?"
    r"prescription|no\s+prescription|for\s+sale)\b",
    re.I,
)
# Selling words that make a drug-name anchor a spam anchor even without a buy verb ("cheap Valium 10mg").
_ANCHOR_STRONG = re.compile(r"\b(?:cheap(?:est)?|discount(?:ed)?|overnight|for\s+sale|online|no\s+(?:prescription|rx)|"
                            r"without\s+(?:a\s+)?(?:prescription|rx))\b", re.I)
# An influencer's or an affiliate's link that gives a promo code for the drug it names or prices its first month or
# order ("My semaglutide provider: first month $149 with code MAYA20"): an offer to buy at the link's end. A headline
# link prices a drug without an offer's words ("Why semaglutide costs $900 a month").
_ANCHOR_OFFER = re.compile(r"\b(?:with|use|enter|apply)\s+(?:(?:my|the|promo|discount|coupon)\s+){0,2}code\s+(?-i:[A-Z0-9]{3,20})\b"
                           r"|\bfirst\s+(?:month|order|box|kit|refill|shipment)\s+(?:(?:is|for|at|just|only)\s+){0,2}[$€£]\s?\d",
                           re.I)
# The cart may take an object ("add the 90-tablet pack to your basket", a shop's chat bot offering to do it for the reader).
_CART = re.compile(r"\b(?:add\s+(?:(?:the|a|an|this|that|these|those|it|them|one|\d{1,4})\s+)?(?:[\w-]{1,20}\s+){0,2}?"
                   r"to\s+(?:your\s+|the\s+|my\s+)?(?:cart|basket|bag)|buy\s+now|order\s+now|checkout|proceed\s+to\s+checkout)\b",
                   re.I)
_CART_HREF = re.compile(r"add[-_]?to[-_]?cart|[?&]add-to-cart=|/cart\b.*[?&](?:add|product)|/checkout\b|"
                        # a cart's own add route ("/cart/add?sku=...", "/basket/add/123")
                        r"/(?:cart|basket)/add\b", re.I)
# A price may also be written with its currency's code after the number ("0.85 USD", "2 EUR"), as exporters and shops
# abroad write it, and the tablet may come first ("each tablet only 0.85 USD", "per pill just $2").
_PRICE = r"(?:[$€£]\s?\d+(?:[.,]\d{1,2})?|\d{1,4}(?:[.,]\d{1,2})?[ \t]?(?:usd|eur|gbp|cad|aud)\b)"
_PRICE_PER_PILL = re.compile(
    r"(?:(?:only|just|from|as\s+low\s+as|starting\s+(?:at|from)|low\s+price\s+of|price\s+per\s+pill\s*:?)\s*"
    + _PRICE + r"(?:\s*(?:/|per|a|an|each)\s*(?:pill|tablet|tab|capsule|cap|dose|piece)s?\b)?"
    r"|[$€£]\s?\d+[.,]\d{2}\s*/\s*(?:pill|tablet|tab|capsule|cap)s?\b"
    r"|(?:each|per)[ \t]+(?:pill|tablet|tab|capsule|cap)[ \t]+(?:is[ \t]+)?(?:only|just)[ \t]+" + _PRICE + r")",
    re.I,
)
# The tablet named in Spanish, French, German or Dutch ("por pastilla", "par comprimé", "pro Tablette").
_FOREIGN_PER_PILL = (r"(?:por|la|par|le|pro|per)\s+(?:pastilla|tableta|comprimid[oa]|c[aá]psula|pilule|comprim[ée]|"
                     r"g[ée]lule|tablette|pille|kapsel|pil)s?\b")
# A bare price per tablet ("$1.85 per pill") sells only on a product card's short line; in prose it is
# reporting ("sold on the street for $30 a pill").
# A telehealth subscription prices the drug by the month instead ("Finasteride 1mg - from $16/mo").
_LISTED_PRICE = re.compile(r"[$€£]\s?\d{1,4}(?:[.,]\d{1,2})?(?:[ \t](?:usd|eur|gbp|cad|aud)\b)?\s*"
                           r"(?:(?:per|each|a)\s+(?:pill|tablet|tab|capsule|cap)s?\b|ea\b"
                           # the tablet named in Spanish, French, German or Dutch ("$2.50 USD por pastilla"): a price
                           # per pill reads the same in any language, and shops across a border write in theirs
                           r"|" + _FOREIGN_PER_PILL +
                           r"|(?:/[ \t]?|per[ \t]|a[ \t])(?:mo|mth|month)\b)", re.I)
# The same listing with the currency's code after the number ("1mg = 2 EUR each", "10 USD per tablet"); read only on
# pages holding a code, most hold none. A sign before the number ("$1.20 USD por tableta") makes it _LISTED_PRICE's.
_CODE_LISTED_PRICE = re.compile(r"(?<![\w.,$€£])(?<![$€£] )\d{1,4}(?:[.,]\d{1,2})?[ \t]?(?:usd|eur|gbp|cad|aud)[ \t]{1,3}"
                                # (or in the shop's own language: "1,20 USD por pastilla", as a shop abroad writes it)
                                r"(?:(?:per|each|a)[ \t]+(?:pill|tablet|tab|capsule|cap)s?\b|each\b|ea\b|" + _FOREIGN_PER_PILL + r")",
                                re.I)
_CURRENCY_CODES = ("usd", "eur", "gbp", "cad", "aud")
_LISTING_LINE = 100
# An ad's price may also stand as a short verbless sentence inside a paragraph ("$8 ea or 10 for $70.").
_LISTING_FRAGMENT = 50
# A line that reads as a sentence about prices is reporting, however short.
_PRICE_PROSE = re.compile(r"\b(?:is|are|was|were|said|says|costs?|sold|sells?|paid|pays?|charged?|charges|fetch\w*|went|goes)\b",
                          re.I)
# The words (or currency signs) each pattern's matches begin with, looked for in page.lower.
_PRICE_PER_PILL_START = ("only", "just", "from", "as", "starting", "low", "price", "$", "€", "£", "each", "per")
_CART_START = ("add", "buy", "order", "checkout", "proceed")
# A coupon pointing at an address ("get $50 off your first month: shop.example/start"): an offer to buy there.
# An influencer's "use my code X for $25 off ... link in bio (shop.example/maya)" points the same way.
_OFFER_AT = re.compile(r"\b(?:get|take|save|claim|for)\s+(?:[$€£]\s?\d{1,4}|\d{1,2}\s*%)\s+off\b[^\n.!?]{0,40}?"
                       r"(?::|\bat|\bvia|->|\u2192|\U0001f449|\()\s*" + _ADDRESS)
_OFFER_AT_START = ("get", "take", "save", "claim", "for")
# A prescribing service's button: "Start my visit at shop.example/start". A subscription's free trial is claimed the
# same way, often with an arrow pointing at the address ("Claim your free trial 👉 shop.example/trial").
# The service may name what the visit is for ("Start my antibiotic visit", "Begin your weight-loss consultation"), and a
# mail's button is drawn in brackets with its address beside it ("[ START MY VISIT ]  https://...").
_START_AT = re.compile(r"\b(?:start|begin|book|claim|activate)\s+(?:my|your)\s+(?:(?:free|risk-free|\d{1,3}-day)\s+){0,2}"
                       r"(?:online\s+)?(?:[a-z][a-z-]{1,20}\s+)?(?:visit|consultation|consult|assessment|plan|treatment|order|trial)\s+"
                       r"(?:(?:now|today|here)\s+)?(?:(?:at|on|via)\s+|:\s*|(?:->|[" + _ARROW_CHARS + r"])\s*|[\])][ \t]{0,3})" + _ADDRESS)
_START_AT_START = ("start", "begin", "book", "claim", "activate")
# A chat bot's order command, given to the reader ("Type /order <item> <qty>", "send /buy") or listed with what it does
# ("/order - place an order"). In an address the slash follows a host or a path ("shop.example/order"), never a blank.
_BOT_ORDER = re.compile(r"\b(?:type|send|use|tap|enter|press|hit|reply[ \t]with)[ \t]{1,3}(?:the[ \t]command[ \t])?"
                        r"/(?:order|buy|purchase|checkout|cart|shop)\b"
                        r"|(?<![\w/.:@-])/(?:order|buy|purchase|checkout)(?![\w/.-])[ \t]{0,3}(?:[-\u2013\u2014:=][ \t]{0,3})?"
                        r"(?:to[ \t]{1,3})?(?:place|make|buy|order|purchase)\b")
_BOT_ORDER_START = ("type", "send", "use", "tap", "enter", "press", "hit", "reply", "/")
# A dealer's menu is a price list of what they sell, and its address is where the reader orders: "check menu + prices
# at shop.example", "see the full menu on pills.example". A cost article sends readers to compare prices, never to a "menu",
# so the word alone marks the seller (a drug must be named nearby; the address must not be one the lexicon trusts).
_MENU_AT = re.compile(r"\b(?:check|see|view|browse|get|find)[ \t]{1,3}(?:(?:out|our|my|the|full|current|latest|updated)[ \t]{1,3}){0,2}"
                      r"(?:menu|stock[ \t]list|price[ \t]list)(?:[ \t]{0,3}(?:\+|&|and|/|,)[ \t]{0,3}(?:prices?|pricing))?"
                      r"[ \t]{1,3}(?:at|on|via|@)[ \t]{1,3}" + _ADDRESS)
_MENU_AT_START = ("check", "see", "view", "browse", "get", "find")
# "Grab yours at shop.example": the drug named just before is the reader's to buy at the address ("yours" stands for it).
_YOURS_AT = re.compile(r"\b(?:grab|get|order|buy|claim|pick[ \t]up|score|cop)[ \t]{1,3}yours[ \t]{1,3}"
                       r"(?:(?:now|today|here|online|cheap|fast)[ \t]{1,3}){0,2}(?:(?:at|from|on|via|@)[ \t]{1,3}|:[ \t]{0,3})"
                       + _ADDRESS)
_YOURS_AT_START = ("grab", "get", "order", "buy", "claim", "pick", "score", "cop")
# A seller speaking: "you can get them from me today". A buyer or a pharmacist sends the reader elsewhere ("you can get
# it from your pharmacist"); only a seller offers the drug from themself.
_FROM_ME = re.compile(r"\byou[ \t]{1,3}(?:can|could)[ \t]{1,3}(?:(?:also|just|easily|still)[ \t]{1,3})?"
                      r"(?:get|buy|order|grab|cop|score|pick[ \t]up)[ \t]{1,3}(?:(?:it|them|some|one|yours|these|those)[ \t]{1,3})?"
                      r"(?:from|off|through|thru)[ \t]{1,3}me\b")
_FROM_ME_START = ("you",)
# The same orders to buy as shops write them in Spanish, French, German, Portuguese and Italian.
_FOREIGN_BUY = re.compile(r"\b(?:compr(?:ar|e|a)\s+(?:ahora|ya|agora|j[aá]|aqu[ií]|online|en\s+l[ií]nea)|"
                          r"command(?:ez|er)\s+(?:maintenant|d[eè]s\s+maintenant|en\s+ligne|ici)|achet(?:ez|er)\s+(?:votre|vos|"
                          r"maintenant|en\s+ligne)|jetzt\s+(?:bestellen|kaufen)|(?:bestellen|kaufen)\s+sie|"
                          r"encomende\s+(?:j[aá]|agora)|acquista\s+(?:ora|subito|online)|ordina\s+(?:ora|subito)|"
                          # Spanish "place your order", Polish "order / buy now", Dutch "order / buy now"
                          r"haz\s+(?:tu|su)\s+pedido|zam[oó]w\s+(?:teraz|ju[zż]|online)|kup\s+(?:teraz|ju[zż]|online)|"
                          r"bestel\s+(?:nu|direct|online)|koop\s+(?:nu|direct|online)|"
                          # Spanish "(write to us) to place your order"
                          r"hacer\s+(?:tu|su)\s+pedido|"
                          # the same order in the polite form shops abroad address customers in (Spanish "haga / realice su
                          # pedido", Portuguese "faça o seu pedido", French "passez votre commande", Italian "effettua il tuo
                          # ordine"): an imperative to the reader, which a report or a guide does not give
                          r"(?:haga|realice)\s+(?:su|tu)\s+pedido|fa[cç]a\s+(?:o\s+)?(?:seu|teu)\s+pedido|"
                          r"passez\s+(?:votre\s+)?commande|effettu[ai]\s+(?:il\s+tuo\s+|l['’])?ordine|"
                          # the cart button in those languages ("añadirlo al carrito", "ajouter au panier", "in den Warenkorb")
                          r"(?:a[ñn]ad(?:ir|a|e)|agreg(?:ar|ue|a))(?:l[oa]s?)?\s+al\s+carrito|ajout(?:er|ez)\s+au\s+panier|"
                          r"adicion(?:ar|e)\s+ao\s+carrinho|aggiungi\s+al\s+carrello|dodaj\s+do\s+koszyka|"
                          r"in\s+den\s+warenkorb|in\s+(?:de\s+)?winkelwagen)\b"
                          # German and Dutch put the verb last, after the shop's address ("kann X bei shop.example
                          # bestellen", "X bij shop.example kopen")
                          r"|\b(?:bei|(?:ü|ue)ber|auf|bij)\s+" + _ADDRESS + r"\s+(?:(?:online|direkt|jetzt|gleich|sofort|"
                          r"direct|nu)\s+)?(?:bestellen|kaufen|ordern|kopen)\b", re.I)
_FOREIGN_BUY_START = ("compr", "command", "achet", "jetzt", "bestellen", "kaufen", "encomende", "acquista", "ordina",
                      "haz", "zam", "kup", "bestel", "koop", "hacer", "bei", "über", "ueber", "auf", "bij", "haga", "realice",
                      "faça", "faca", "passez", "effettu", "añad", "anad", "agreg", "ajout", "adicion", "aggiungi", "dodaj",
                      "in den", "in de", "in winkelwagen")
# The order told before the channel it goes through: "To order, send the product and quantity to @handle", "for
# orders WhatsApp +52 ...". A handle (not an e-mail address), a messenger or a phone number must follow; "to order a
# refill, call the pharmacy" names none of them, and a store's e-mail address is no dealer's handle.
_ORDER_VIA = re.compile(r"\b(?:to|for)\s+(?:orders?|buy|purchase|place\s+(?:(?:an?|your|the)\s+)?"
                        r"(?:(?:bulk|wholesale|trade|first|trial|large|repeat|new)\s+)?order)\b"
                        # a second errand in the same clause ("To place a bulk order or ask for a sample, message ...")
                        r"(?:[ \t]+(?:or|and)[ \t]+[^\n,.:;!?]{1,40}?)?[,:]?[ \t]{0,3}"
                        r"(?:(?:just|simply|please)[ \t]+)?(?:send|message|msg|dm|pm|text|write\s+to|whats\s?app|contact|hit\s+up|"
                        # a chat server's order desk: "To buy, open a ticket in #orders", "for orders post in #vendors"
                        r"open\s+a\s+(?:ticket|thread)|post|tag|ping)\b"
                        r"[^\n.!?]{0,60}?(?:(?<![\w.@])@[a-z_][\w.]{0,30}\w|\b(?:on|via)\s+" + _MESSENGER + r"\b|\+?\d[\d ().-]{6,16}\d|"
                        r"(?<![\w&#/])#[a-z][\w-]{1,30})")
_ORDER_VIA_START = ("to", "for")
# A sentence that sends the reader to a link, a code or an address to order there: "Tap shop.example/x to ship
# tonight", "Scan the QR code to see the prices and place your order", "Go to shop.example and use code X for your
# first order". The target must be a link or an address (the dots of an address do not end the sentence), so "go to
# your doctor to order tests" is no order to buy.
_GO_ORDER = re.compile(r"\b(?:tap|click|visit|go\s+to|head\s+(?:over\s+)?to|scan|open|follow)\b(?P<target>(?:[^\n.!?]|\.(?=\w)){0,80}?)"
                       r"\b(?:(?:to|and)\s+(?:(?:see|check|view|browse)\s+[^\n.!?]{0,30}?\s+and\s+)?"
                       # "get your order in (before ...)": an order to order, as a dealer's list ends
                       r"(?:(?:place|start|begin)\s+(?:an\s+|your\s+)?order|(?:get|put)\s+(?:your|an|the)\s+orders?\s+in|re-?order|"
                       r"order|buy|"
                       r"purchase|check\s?out|ship)"
                       # a discount on the order ("for your first order", "for 20% off your first order")
                       r"|(?:for|on|off)\s+(?:[\w$%€£.,-]{1,12}\s+){0,3}?(?:your|an?)\s+(?:first\s+|next\s+)?order)\b")
_GO_ORDER_START = ("tap", "click", "visit", "go", "head", "scan", "open", "follow")
# A target that is something to read ("click here to learn how to buy medicines safely", "visit the site and read
# about how to order") sends the reader to advice, not to a shop.
_NAV_READING = re.compile(r"\b(?:to|how|learn\w*|about|read|more|info\w*|why|whether|tips?|guide\w*|avoid\w*|report\w*)\b")
_NAV_TARGET = re.compile(r"\b(?:here|links?|button|banner|qr|below|bio|(?:our|the|my)\s+(?:web\s?site|site|store|shop|page|app|menu))\b"
                         r"|[a-z0-9-]\.[a-z]{2,}\b")
# "Click through and order": the verb itself names the link it is clicked through.
_CLICK_THROUGH = re.compile(r"(?:click|tap)\s+through\b")
# What may come before such an order in its sentence: nothing, or a word that links it to the one before.
_GO_LEAD = re.compile(r"(?:or|and|so|then|just|simply|now|please|okay|ok)", re.I)
# A buyer's testimonial pointing at the shop: "I get my X from pills.example", "I've been ordering X from ...".
_FIRST_PERSON_GET = re.compile(r"\b(?:i|we)(?:['’]ve|\s+have)?\s+(?:(?:been|always|just|now|only|usually|still)\s+){0,2}"
                               # "I grab my X at ...", "I pick up my refills from ...": the same buyer's words
                               r"(?:get|got|getting|buy|bought|buying|order|ordered|ordering|grab|grabbed|grabbing|"
                               r"pick\s+up|picked\s+up)\b")
# The buyer then tells the reader to order at that address too: "I get my X from pills.example, you can order it there".
_ORDER_THERE = re.compile(r"[^\n.!?]{0,40}?\byou\s{1,3}(?:can|could|should|may)\s{1,3}(?:(?:also|easily|just)\s{1,3})?"
                          r"(?:order|buy|get|grab|purchase)(?:\s{1,3}(?:it|them|yours|some|one))?\s{1,3}(?:there|from\s{1,3}(?:them|there|it)|"
                          r"on\s{1,3}(?:there|it)|through\s{1,3}(?:them|it))\b")
# A buyer who names the address they get the drug from and tells the reader to order there, the drug named in the
# sentence before ("... as well as Adderall. I grab mine from pills.example, just order before Friday"): the order is
# addressed to the reader, as in _ORDER_THERE, but the name is not in the buyer's sentence. The pattern opens at the
# verb; the first person before it is checked with _BUYER_SUBJECT. "Don't order there" or "never order" tells the
# reader not to.
_BUYER_AT = re.compile(r"\b(?:get|got|getting|grab(?:bed)?|buy|bought|order(?:ed)?|cop(?:ped)?|scored?|pick(?:ed)?\s{1,3}up)"
                       r"\s{1,3}(?:(?:mine|ours|my\s{1,3}[\w-]{1,20}|them|it|some)\s{1,3})?(?:from|at|off|through|via)\s{1,3}"
                       + _ADDRESS + r"(?:/[\w./?=&-]{0,60})?[^\n.!?]{0,40}?\b(?:just|simply|you\s{1,3}(?:can|could|should)"
                       r"(?:\s{1,3}(?:also|just))?)\s{1,3}(?:order|buy|grab)\b")
_BUYER_AT_START = ("get", "got", "grab", "buy", "bought", "order", "cop", "score", "pick")
_BUYER_SUBJECT = re.compile(r"\b(?:i|we)(?:['’]ve|\s{1,3}have)?\s{1,3}(?:(?:been|always|just|now|only|usually|still)\s{1,3}){0,2}$")
# A seller known by a social handle instead of an address: "i get my X 30s from @plug on tele, hit him up".
_FROM_HANDLE = re.compile(r"[^\n.!?@]{0,40}?\s(?:from|via|through|thru)\s+@[\w.]{2,32}")
# What makes the handle a seller's, on its line after it: the messenger the deal goes through, or the reader told to
# contact the seller ("hit him up", "dm her", "tell him Jo sent you"). A buyer thanking their doctor's account has neither.
_HANDLE_CONTACT = re.compile(r"\b(?:on|via|over)\s+" + _MESSENGER + r"\b|\b(?:hit|dm|pm|msg|message|text|contact|add)\s+"
                             r"(?:him|her|them)\b|\btell\s+(?:him|her|them)\b[^\n.!?]{0,40}?\bsent\s+(?:you|u|ya)\b")
_PER_PILL = re.compile(r"(?:/|per|a|each)\s*(?:pill|tablet|tab|capsule|cap|dose|piece)s?\b|price\s+per\s+pill", re.I)


# "No insurance needed" is the subscription's own selling line, not a cost table's column.
# (also with a second thing waived: "with no insurance or in-person visit required")
_NO_INSURANCE_NEEDED = re.compile(r"no[ \t]+insurance(?:[ \t]+(?:or|and|,)[ \t]+(?:an?[ \t]+)?[\w-]{1,20}(?:[ \t][\w-]{1,20})?)?"
                                  r"[ \t]+(?:needed|required|necessary)", re.I)


def _cost_row(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` talks of insurance or coverage other than "no insurance needed"."""
    waived = [m.span() for m in _NO_INSURANCE_NEEDED.finditer(text, start, end)]
    return any(not any(a <= m.start() and m.end() <= b for a, b in waived) for m in _INSURANCE.finditer(text, start, end))


def _in_links(page: Page, start: int, end: int) -> bool:
    return any(link.start < end and start < link.end for link in page.text_links)


# An address written out (not a link) whose own name sells a drug ("slim.example/order-tirzepatide",
# "rx-deals.example/valium-10mg": a drug with a selling word or a strength in its slug, see ``_url_sells``), pointed at
# by an arrow or a "here:" ("secure yours here: ...", a signature's "Cheapest 10mg tabs >> ..."). The drug may be named
# lines before, or only in the address: the address is the offer. The pointer keeps out addresses a report names in
# passing, and the sentence before it must not be about reading ("our full story is here: ..."). "Here:" in Spanish,
# Italian, Dutch and German ("aquí:", "qui:", "hier:") points the same way, and the address reads the same in any language.
_POINTED = re.compile(r"(?:\b(?:here|aqu[ií]|qui|hier)[ \t]?:|>>|->|=>|[" + _ARROW_CHARS + r"])[ \t]{0,3}" + _ADDRESS
                      + r"(?P<path>/[\w./?=&%-]{0,80})?")
_POINTED_START = ("here", "aqui", "aquí", "qui", "hier", ">>", "->", "=>", *_ARROW_CHARS)
_POINTED_READING = re.compile(r"\b(?:read\w*|story|stories|article|learn|more|about|report\w*|guides?|info\w*|details|"
                              r"study|warning\w*|news|list)\b")


# A cart phrase with an object, put in the reader's own cart ("add the 90-tablet pack to your basket").
_CART_OFFER = re.compile(r"add\s+\S[^\n]{0,80}?\byour\s+(?:cart|basket|bag)$", re.I)
_CART_OFFER_REACH = 1200
# A full address written out in the text (a data feed's field, a sitemap's entry, a pasted link): found from its scheme.
_WRITTEN_URL = re.compile(r"https?://[^\s\"'<>]{1,200}", re.I)
# What may share a line with an address standing alone: markup (a sitemap's <loc> and <lastmod>), bullets, dates.
_MARKUP = re.compile(r"<[^<>\n]{0,80}>")
_NO_WORDS = re.compile(r"[^A-Za-z]{0,200}")


class BuyLinkDetector(Detector):
    """Purchase calls to action: in anchors, in link targets, injected into text, carts and pill prices."""

    name = "commercial_buy_link"
    family = "commercial"
    code = "commercial.buy_link"

    def detect(self, page: Page) -> list[Flag]:
        ctx = _context(page)
        flags: list[Flag] = []
        for link in page.text_links:
            flag = self._link(page, ctx, link)
            if flag is not None:
                flags.append(flag)
        flags.extend(self._text(page, ctx))
        if ctx.named:
            for m in _finditer_at(_PRICE_PER_PILL, page.text, page.lower, _PRICE_PER_PILL_START):
                if _PER_PILL.search(m.group()) and _near(ctx, m.start(), m.end(), 400) is not None \
                        and not (_quoted(page.text, m.start(), m.end()) or _warned_list(page.text, m.start())):
                    flags.append(make_flag(page, self.code, m.start(), m.end(), 0.6,
                                           "A per-pill price offer: the page sells medicine by the tablet."))
            seen = {f.start for f in flags}
            coded = any(code in page.lower for code in _CURRENCY_CODES)
            for m in itertools.chain(_finditer_at(_LISTED_PRICE, page.text, page.lower, ("$", "€", "£")),
                                     _CODE_LISTED_PRICE.finditer(page.text) if coded else ()):
                if _quoted(page.text, m.start(), m.end()) or _warned_list(page.text, m.start()):
                    # a rogue shop's price the page quotes ('listed sildenafil at "$0.79 per pill"') or sets out under
                    # warning signs ("Red flags: • Xanax at $3 per pill")
                    continue
                line_start, line_end = _line(page.text, m.start(), m.end())
                # A monthly price sells the drug named on its own line ("Finasteride 1mg - from $16/mo"); elsewhere it
                # is a membership for visits, and beside "insurance" or "copay" it is a cost table's row.
                monthly = m.group().lower().endswith(("mo", "mth", "month"))
                if monthly and (_cost_row(page.text, line_start, line_end)
                                or not any(line_start <= d.start < line_end for d in ctx.named)):
                    continue
                # A price on a long line stands alone as a short verbless sentence in an ad, monthly or not ("... and
                # your first kit ships free. Just $25/month after that."); the monthly one keeps its drug on the line.
                if line_end - line_start > _LISTING_LINE or _PRICE_PROSE.search(page.text, line_start, line_end):
                    # a paragraph's own short, verbless sentence is a listing too ("... caps. $8 ea or 10 for $70.")
                    line_start, line_end = _sentence(page, m.start())
                    if line_end - line_start > _LISTING_FRAGMENT or "?" in page.text[line_start:line_end]:
                        continue
                if (line_end - line_start <= _LISTING_LINE and not any(line_start <= p < line_end for p in seen)
                        and not _PRICE_PROSE.search(page.text, line_start, line_end)
                        and _near(ctx, m.start(), m.end(), 200) is not None):
                    flags.append(make_flag(page, self.code, m.start(), m.end(), 0.6,
                                           "A monthly price for a drug plan on a product listing or an ad: the page sells "
                                           "medicine by subscription." if monthly else
                                           "A price per tablet on a product listing: the page sells medicine by the tablet."))
            for m in _finditer_at(_CART, page.text, page.lower, _CART_START):
                # A button sits by its product; an offer to put the reader's pack in "your basket" is a shop's agent
                # talking about the drug the chat or the page is about, named further up.
                reach = _CART_OFFER_REACH if _CART_OFFER.match(m.group()) else 400
                if not _in_links(page, m.start(), m.end()) and _near(ctx, m.start(), m.end(), reach) is not None:
                    flags.append(make_flag(page, self.code, m.start(), m.end(), 0.6,
                                           "A shopping-cart button next to a prescription drug."))
        flags.extend(self._written_urls(page, ctx))
        return flags

    def _link(self, page: Page, ctx: _Context, link) -> Flag | None:  # noqa: ANN001 - page.Link
        host, path = _host_path(link.href)
        if _trusted(host) or _is_locator(link.anchor) or _is_locator(link.href):
            return None
        # Look-alike letters in an anchor ("chеap Vаlium" with Cyrillic е and а) are read as the Latin
        # letters they imitate, and such a disguise in a link is itself a seller's mark.
        anchor = link.anchor if link.anchor.isascii() else _fold(link.anchor, {})
        drugs = _DRUGS.find(anchor)
        disguised = next((d for d in ctx.disguised if link.start <= d.start and d.end <= link.end), None)
        sells_href = _url_sells(host, path)
        drug = drugs[0].drug if drugs else disguised.drug if disguised else sells_href
        if _ANCHOR_BUY.search(anchor) and (drugs or _ANCHOR_SELL.search(anchor) or sells_href):
            why = "A link whose anchor asks the reader to buy medicine"
        elif _ANCHOR_GET.search(anchor) and (drugs or sells_href):
            why = "A link whose anchor offers medicine to get now or online"
        elif sells_href:
            why = "A link to a page that sells a prescription drug"
        elif disguised is not None:
            why = f"A link whose anchor disguises a drug name ({disguised.name})"
        elif drugs and _ANCHOR_STRONG.search(anchor):
            why = "A link whose anchor offers a drug cheap or online, the way injected spam anchors read"
        elif drugs and _ANCHOR_OFFER.search(link.anchor):
            why = "A link whose anchor gives a promo code or a first-order price for a drug"
        # A page that only disguises its names ("Аmbіеn" in Cyrillic) sells them as surely as one that spells them.
        elif _CART_HREF.search(link.href) and (drugs or ctx.named):
            why = "A link that adds a product to a shopping cart"
        elif _CART.search(anchor) and (drugs or ctx.named):
            why = "A shopping-cart button on a page about a prescription drug"
        else:
            return None
        return make_flag(page, self.code, link.start, link.end, _severity(0.7, drug),
                         f"{why} ({link.href[:80]}).")

    def _text(self, page: Page, ctx: _Context) -> list[Flag]:
        text, low = page.text, page.lower
        out: list[Flag] = []
        # Names the dictionary scan at the verb cannot see: disguised ones and designer ones ("Buy flualprazolam pellets").
        disguised = {d.start: (d.drug, d.end) for d in ctx.disguised}
        disguised.update((m.start, (m.drug, m.end)) for m in ctx.named if m.kind == "designer")
        affiliate: bool | None = None
        for m in _finditer_at(_BUY_AT, low, low, _BUY_AT_START):
            if m.group(1).startswith("check"):
                if affiliate is None:
                    affiliate = _AFFILIATE.search(low) is not None
                if not affiliate:
                    continue
            hit = _drug_at(low, m.end())
            if hit is None and m.end() in disguised:
                hit = disguised[m.end()]
            if hit is not None:
                drug, name_end = hit
                tail = _SELL_TAIL.match(low, name_end)
            else:
                # "Order now at shop.example": the object is a shop (one the lexicon trusts is no pitch)
                shop = _SHOP_AT.match(low, m.end())
                near = _near(ctx, m.start(), m.end(), 400) if shop and not _trusted(shop.group("host")) else None
                if near is None:
                    continue
                drug, name_end, tail = near.drug, shop.end(), shop
            verb_start = m.start(1)
            end = tail.end() if tail else name_end
            if _in_links(page, verb_start, end):
                continue  # the anchor rule owns it
            sent_start, _ = _sentence(page, verb_start)
            lead = _lead(text, sent_start, verb_start)
            # "Buying Valium online is illegal" opens with a gerund subject, not an order to the reader.
            imperative = not m.group(1).lower().endswith("ing")
            if not lead and imperative:
                why = "A sentence that opens with an order to buy a drug"
            elif lead and imperative and text[verb_start].isupper():
                why = "A 'Buy <drug>' phrase dropped into the middle of a sentence, typical of injected spam anchors"
            elif tail and _ADDRESSED.search(low, max(sent_start, verb_start - 30), verb_start):
                why = "The reader is told where or how to buy a drug online"
            else:
                continue
            out.append(make_flag(page, self.code, verb_start, end, _severity(0.7, drug), why + "."))
        taken = [(f.start, f.end) for f in out]
        for m in ctx.named:
            framed = _framed(page, m)
            if framed is not None:
                out.append(framed)
                continue
            shop = _AT_SHOP.match(low, m.end)
            if shop is None:
                flag = _from_handle(page, m, taken)
                if flag is not None:
                    out.append(flag)
                    taken.append((flag.start, flag.end))
                continue
            if _trusted(shop.group("host")) or _in_links(page, m.start, shop.end()):
                continue
            if any(a < shop.end() and m.start < b for a, b in taken):
                continue
            sent_start, _ = _sentence(page, m.start)
            verb = None
            for v in _GET_VERB.finditer(low, sent_start, m.start):
                verb = v
            lead = _lead(text, sent_start, verb.start()) if verb else ""
            told = verb is not None and (not lead or _ADDRESSED.search(low, max(sent_start, verb.start() - 30), verb.start()))
            here = shop.group("via").startswith("here")
            if here:
                # "available here:" and "read about X here:" point at reading as often as at a shop
                told = told and _VERB_OBJECT.fullmatch(low, verb.end(), m.start) is not None
            # An address that is a shop by its own words (a domain or path with "shop", "pills", "rx" ...)
            # is sold from when an arrow points to it (a signature) or a buyer says "I get my X from" it.
            shop_named = _shop_address(shop.group("host"), shop.group("path") or "")
            buyer = _FIRST_PERSON_GET.search(low, sent_start, m.start) is not None
            pointed = (shop_named and (shop.group("via") in _ARROW or buyer)) or (
                # whatever its name, an address a buyer gets the drug from and then tells the reader to order from
                buyer and _ORDER_THERE.match(low, shop.end()) is not None)
            if told or (not here and (pointed or _STOCKED.search(low, m.end, shop.start("host")))):
                start = verb.start() if told else m.start
                out.append(make_flag(page, self.code, start, shop.end(), _severity(0.7, m.drug),
                                     "A drug offered to the reader at a shop's address."))
                taken.append((start, shop.end()))
        if ctx.named:
            for rx, starts, base, why in (
                (_OFFER_AT, _OFFER_AT_START, 0.6, "A discount offer pointing the reader to a shop's address."),
                (_START_AT, _START_AT_START, 0.6, "A prescribing service's button sending the reader to its address."),
                (_FOREIGN_BUY, _FOREIGN_BUY_START, 0.7, "An order to buy a drug, written in another language."),
                (_BOT_ORDER, _BOT_ORDER_START, 0.6, "A chat bot's order command offered beside a drug."),
                (_MENU_AT, _MENU_AT_START, 0.6, "A seller's menu of drugs and prices at an address."),
                (_YOURS_AT, _YOURS_AT_START, 0.6, "The reader is told to get the drug named before at a shop's address."),
            ):
                for m in _finditer_at(rx, low, low, starts):
                    near = _near(ctx, m.start(), m.end(), 400)
                    host = m.groupdict().get("host")
                    if near is None or (host and _trusted(host)) or _in_links(page, m.start(), m.end()):
                        continue
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    if rx is _OFFER_AT and _sponsor_read(page, ctx, m.start()):
                        continue
                    out.append(make_flag(page, self.code, m.start(), m.end(), _severity(base, near.drug), why))
            for m in _finditer_at(_DM_ORDER, low, low, _DM_START):
                near = _near(ctx, m.start(), m.end(), 200)
                if near is not None:
                    out.append(make_flag(page, self.code, m.start(), m.end(), _severity(0.6, near.drug),
                                         "A seller asks the reader to message them to order a drug."))
                    taken.append((m.start(), m.end()))
            for m in _finditer_at(_FROM_ME, low, low, _FROM_ME_START):
                near = _near(ctx, m.start(), m.end(), 200)
                if near is None or any(a < m.end() and m.start() < b for a, b in taken) \
                        or _quoted(page.text, m.start(), m.end()):
                    continue
                out.append(make_flag(page, self.code, m.start(), m.end(), _severity(0.6, near.drug),
                                     "A seller offers the reader a drug from their own stock."))
                taken.append((m.start(), m.end()))
            for m in _finditer_at(_ORDER_VIA, low, low, _ORDER_VIA_START):
                near = _near(ctx, m.start(), m.end(), 400)
                if near is None or any(a < m.end() and m.start() < b for a, b in taken) or _in_links(page, m.start(), m.end()):
                    continue
                out.append(make_flag(page, self.code, m.start(), m.end(), _severity(0.6, near.drug),
                                     "The reader is told how to order a drug through a seller's handle or number."))
                taken.append((m.start(), m.end()))
            out.extend(self._go_order(page, ctx, taken))
            out.extend(self._buyer_at(page, ctx, taken))
            out.extend(self._stock_and_contact(page, ctx, taken))
        out.extend(self._pointed_address(page, taken))
        return out

    def _written_urls(self, page: Page, ctx: _Context) -> list[Flag]:
        """Addresses written out in the text that sell: a cart address (a shop's product feed lists its "add to cart"
        URLs beside the drugs), or an address whose own name sells a prescription drug standing alone on its line (a
        shop's sitemap or link list; a report names such an address inside a sentence, which the line's words show)."""
        text = page.text
        if "http" not in page.lower:
            return []
        out: list[Flag] = []
        for m in _WRITTEN_URL.finditer(text):
            url = m.group().rstrip(".,;:)]}")
            end = m.start() + len(url)
            host, path = _host_path(url)
            if not host or _trusted(host) or _in_links(page, m.start(), end):
                continue
            if _CART_HREF.search(url):
                near = _near(ctx, m.start(), end, 400) if ctx.named else None
                if near is not None and not _quoted(text, m.start(), end):
                    out.append(make_flag(page, self.code, m.start(), end, _severity(0.6, near.drug),
                                         "An add-to-cart address written next to a prescription drug."))
                continue
            drug = _url_sells(host, path)
            if drug is None or not (drug in _RX or drug.startswith(DESIGNER_PREFIX)):
                continue
            line_start, line_end = _line(text, m.start(), end)
            rest = _MARKUP.sub(" ", text[line_start:m.start()] + " " + text[end:line_end])
            if _NO_WORDS.fullmatch(rest) is None:
                continue
            out.append(make_flag(page, self.code, m.start(), end, _severity(0.6, drug),
                                 "An address that sells a prescription drug by name, listed on its own line."))
        return out

    def _pointed_address(self, page: Page, taken: list[tuple[int, int]]) -> list[Flag]:
        """A written address whose own name sells a drug, pointed at (see ``_POINTED``)."""
        text, low = page.text, page.lower
        out: list[Flag] = []
        for m in _finditer_at(_POINTED, low, low, _POINTED_START):
            host, path = m.group("host"), m.group("path") or ""
            if _trusted(host) or _in_links(page, m.start(), m.end()) or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            drug = _url_sells(host, path)
            if drug is None or not (drug in _RX or drug.startswith(DESIGNER_PREFIX)):
                continue
            sent_start, _ = _sentence(page, m.start())
            if _POINTED_READING.search(low, sent_start, m.start()) or _TOLD_OF_OTHERS.search(text, sent_start, m.start()) \
                    or _quoted(text, m.start(), m.end()):
                continue  # "read our story on it here: ...", a spam line a study quotes
            out.append(make_flag(page, self.code, m.start(), m.end(), _severity(0.6, drug),
                                 "An arrow or a 'here:' points the reader to an address that sells a drug by name."))
            taken.append((m.start(), m.end()))
        return out

    def _go_order(self, page: Page, ctx: _Context, taken: list[tuple[int, int]]) -> list[Flag]:
        """An order opening its sentence that sends the reader to a link or address to buy (see ``_GO_ORDER``)."""
        text, low = page.text, page.lower
        out: list[Flag] = []
        for m in _finditer_at(_GO_ORDER, low, low, _GO_ORDER_START):
            # "Scan to order" on a flyer: the code to scan is the printed one, named by the verb alone
            target = _NAV_TARGET.search(m.group("target")) or _CLICK_THROUGH.match(low, m.start()) \
                or (m.group().startswith("scan") and not m.group("target").strip())
            near = _near(ctx, m.start(), m.end(), 400)
            if not target or _NAV_READING.search(m.group("target")) or near is None or _in_links(page, m.start(), m.end()):
                continue
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if any(_trusted(_host_path(w if "//" in w else "//" + w)[0]) for w in m.group("target").split() if "." in w):
                continue  # an address the lexicon trusts (a drug maker's or a health agency's) is no shop
            if _quoted(text, m.start(), m.end()):
                continue  # the close of a spam mail a ruling or a warning quotes ('the message read: "... Click here to order."')
            sent_start, sent_end = _sentence(page, m.start())
            lead = _lead(text, sent_start, m.start())
            if lead and not _GO_LEAD.fullmatch(lead):
                continue  # "you can visit the store to order" is told of someone; an order opens its sentence
            if _sponsor_before(page, ctx, m.start(), sent_end):
                continue
            out.append(make_flag(page, self.code, m.start(), m.end(), _severity(0.6, near.drug),
                                 "The reader is sent to a link or a shop's address to order a drug."))
            taken.append((m.start(), m.end()))
        return out

    def _buyer_at(self, page: Page, ctx: _Context, taken: list[tuple[int, int]]) -> list[Flag]:
        """A buyer's address the reader is told to order from, the drug named just before (see ``_BUYER_AT``)."""
        low = page.lower
        out: list[Flag] = []
        for m in _finditer_at(_BUYER_AT, low, low, _BUYER_AT_START):
            subject = _BUYER_SUBJECT.search(low, max(0, m.start() - 40), m.start())
            if subject is None or _trusted(m.group("host")) or _in_links(page, m.start(), m.end()):
                continue
            start = subject.start()
            # the drug is the buyer's, named in this sentence or the one before it, not somewhere else on the page
            near = _near(ctx, start, m.end(), 200)
            if near is None or near.start > m.end() or any(a < m.end() and start < b for a, b in taken):
                continue
            if _quoted(page.text, start, m.end()):
                continue
            out.append(make_flag(page, self.code, start, m.end(), _severity(0.6, near.drug),
                                 "A buyer names the address they get a drug from and tells the reader to order there."))
            taken.append((start, m.end()))
        return out

    def _stock_and_contact(self, page: Page, ctx: _Context, taken: list[tuple[int, int]]) -> list[Flag]:
        """Stock named on a line that ends by asking to be messaged (see ``_DM_CONTACT``)."""
        text, low = page.text, page.lower
        out: list[Flag] = []
        for c in _finditer_at(_DM_CONTACT, low, low, _DM_CONTACT_START):
            line_start, _ = _line(text, c.start(), c.end())
            stocks = list(_OWN_STOCK.finditer(low, max(line_start, c.start() - 200), c.start()))
            if not stocks or "?" in low[stocks[-1].end():c.start()]:
                continue
            stock = stocks[-1]
            drug = next((m for m in ctx.named if line_start <= m.start and m.end <= c.start()
                         and c.start() - m.start <= 200), None)
            sent_start, _ = _sentence(page, stock.start())
            if drug is None or _STOCK_HOLDER.search(low, sent_start, stock.start()):
                continue
            start = min(drug.start, stock.start())
            if any(a < c.end() and start < b for a, b in taken):
                continue  # one flag per offer: a second contact ("DM me or hit my tele") adds nothing
            out.append(make_flag(page, self.code, start, c.end(), _severity(0.6, drug.drug),
                                 "A seller names the drugs in stock and asks the reader to message them."))
            taken.append((start, c.end()))
        return out


_SPONSOR = re.compile(r"\b(?:sponsored\s+by|brought\s+to\s+you\s+by|(?:our|today['’]?s|this\s+week['’]?s)\s+sponsor)\b", re.I)


def _sponsor_before(page: Page, ctx: _Context, pos: int, sent_end: int) -> bool:
    """Whether ``pos`` lies in a sponsor read that names no drug: a sponsor marker up to 600 characters before it
    and no drug name from there to the end of ``pos``'s sentence ("... we talked about Ambien. This episode is
    sponsored by Drift Mattress. Go to drift.example for your first order"). A read for a drug names it."""
    markers = list(_SPONSOR.finditer(page.text, max(0, pos - 600), pos))
    return bool(markers) and not any(markers[-1].end() <= m.start < sent_end for m in ctx.named)


def _sponsor_read(page: Page, ctx: _Context, pos: int) -> bool:
    """A show's sponsor read ("This episode is sponsored by Drift Mattress - use code FOCUS for 15% off at ..."):
    the discount is for the sponsor's product, unless the sentence names a drug."""
    s, e = _sentence(page, pos)
    return _SPONSOR.search(page.text, s, e) is not None and not any(s <= m.start < e for m in ctx.named)


# Words framing a drug name as an offer: "get your X shipped", "start your X plan today".
_FRAMES = (
    (_GET_BEFORE, 12, _GET_AFTER, 0.7, "The reader is offered a drug delivered to them."),
    (_HAVE_BEFORE, 48, _HAVE_AFTER, 0.7, "The reader is offered a drug delivered to their door."),
    (_PLAN_BEFORE, 16, _PLAN_AFTER, 0.6, "The reader is told to start paying for a drug plan."),
)


def _framed(page: Page, m) -> Flag | None:  # noqa: ANN001 - a drug Mention
    """A drug name framed as an offer by the words before and after it, outside any link."""
    low = page.lower
    for before, reach, after_rx, base, why in _FRAMES:
        lead = before.search(low, max(0, m.start - reach), m.start)
        after = after_rx.match(low, m.end) if lead else None
        if after is not None and not _in_links(page, lead.start(), after.end()):
            return make_flag(page, BuyLinkDetector.code, lead.start(), after.end(), _severity(base, m.drug), why)
    return None


def _from_handle(page: Page, m, taken: list[tuple[int, int]]) -> Flag | None:  # noqa: ANN001 - a drug Mention
    """A buyer or a seller pointing the reader at a handle the drug comes from (see ``_FROM_HANDLE``): the sentence
    says "I get my X from @handle" or opens with "get your X from @handle", and the line then names the messenger or
    tells the reader to contact them."""
    low = page.lower
    at = _FROM_HANDLE.match(low, m.end)
    if at is None or _in_links(page, m.start, at.end()):
        return None
    _, line_end = _line(low, at.start(), at.end())
    if _HANDLE_CONTACT.search(low, at.end(), min(line_end, at.end() + 120)) is None:
        return None
    sent_start, _ = _sentence(page, m.start)
    buyer = _FIRST_PERSON_GET.search(low, sent_start, m.start)
    verb = _GET_VERB.search(low, sent_start, m.start)
    if buyer is not None:
        start = buyer.start()
    elif verb is not None and not _lead(page.text, sent_start, verb.start()):
        start = verb.start()
    else:
        return None
    if any(a < at.end() and start < b for a, b in taken):
        return None
    return make_flag(page, BuyLinkDetector.code, start, at.end(), _severity(0.6, m.drug),
                     "The reader is pointed to a seller's handle to get a drug.")


def _lead(text: str, sent_start: int, verb_start: int) -> str:
    """The words of the sentence before a buy verb, without the bullets, quotes and arrows spam puts there:
    empty when the verb opens the sentence, as an order to the reader does."""
    return text[sent_start:verb_start].strip(" \t-–—•*·:>\"'“‘(" + _ARROW_CHARS)


def _drug_at(low: str, pos: int) -> tuple[str, int] | None:
    """The longest drug name starting at ``pos`` and its end, or None.

    The end boundary only rejects a following ASCII letter or digit: injected anchors often leave junk
    glued to the name ("valiumĀ"), which an ordinary word-boundary check would take for part of the word.
    """
    best = None
    for start, end, drug_id, _ in _DRUGS.scan(low[pos : pos + 40]):
        if start != 0:
            continue
        end += pos
        nxt = low[end : end + 1]
        if nxt.isascii() and nxt.isalnum():
            continue
        if best is None or end > best[1]:
            best = (drug_id, end)
    return best
