//! Derives for `shftu-rules`: the wire reader of a rule input (`#[derive(Wire)]`) and the shape of a
//! rule result (`#[derive(Described)]`), so that no reader is written by hand and every binding's stubs,
//! schemas and typed surfaces come from the same declaration.
//!
//! ```ignore
//! #[derive(Wire)]
//! pub struct AdjudicateInput {
//!     /// The policy.
//!     pub policy: Policy,
//!     /// The claims (at most `limits.claims`).
//!     #[wire(limit = Claims)]
//!     pub claims: Vec<Claim>,
//!     /// A flag that may be left out (false).
//!     #[wire(default)]
//!     pub renewing: bool,
//!     /// A field whose wire name is a Rust keyword.
//!     #[wire(rename = "from")]
//!     pub from: Tier,
//! }
//! ```
//!
//! * A field of type `Option<T>` may be absent or `null`; `#[wire(default)]` reads an absent or `null`
//!   field as `Default::default()`; every other field is required.
//! * Unknown fields are refused, with the list of the object's fields, before any field is read; then the
//!   fields are read in the order they are declared, so the first error is always the same one.
//! * `#[wire(with = path::to::reader)]` reads a field with a function of the rule's module
//!   (`fn reader<S: Source>(v: Option<S>, path: &Path, cx: &ReadCx) -> Result<T>`), for the few fields
//!   whose reading is their own (a map of rubric items); `optional` marks such a field as not required.
//! * `#[wire(since = "0.2")]` marks a field added to an input of an earlier release (hosts keep that
//!   release's constructors, without it); it must be optional.
//! * `#[wire(limit = Name)]` on a `Vec` field bounds its length by `Limit::Name` (a typed
//!   `limit_exceeded` error past it); any other array is bounded by `Limit::Items`.
//!
//! The generated code names the core crate as `::shftu_rules` (the core says `extern crate self as
//! shftu_rules;`).

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Attribute, Data, DeriveInput, Expr, Fields, Lit, Meta, Type};

/// Implements `shftu_rules::read::Wire` (and `Described`) for a struct of named fields.
#[proc_macro_derive(Wire, attributes(wire))]
pub fn derive_wire(input: TokenStream) -> TokenStream {
    let ast = parse_macro_input!(input as DeriveInput);
    match wire(&ast) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// Implements `shftu_rules::shape::Described` for a result struct of named fields (serde `rename` and
/// `skip_serializing_if` are honoured, so the shape is what serde writes).
#[proc_macro_derive(Described, attributes(serde))]
pub fn derive_described(input: TokenStream) -> TokenStream {
    let ast = parse_macro_input!(input as DeriveInput);
    match described(&ast) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

struct FieldSpec {
    ident: syn::Ident,
    ty: Type,
    wire_name: String,
    default: bool,
    limit: Option<syn::Ident>,
    with: Option<syn::Path>,
    optional: bool,
    optional_in_output: bool,
    since: Option<String>,
    doc: String,
}

fn doc_of(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(l) = &nv.value {
                if let Lit::Str(s) = &l.lit {
                    lines.push(s.value().trim().to_owned());
                }
            }
        }
    }
    lines.join(" ").trim().to_owned()
}

fn named_fields(ast: &DeriveInput) -> syn::Result<&syn::punctuated::Punctuated<syn::Field, syn::token::Comma>> {
    match &ast.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => Ok(&n.named),
            _ => Err(syn::Error::new_spanned(&ast.ident, "only structs with named fields")),
        },
        _ => Err(syn::Error::new_spanned(&ast.ident, "only structs")),
    }
}

/// `Vec<T>` → `Some(T)`.
fn vec_inner(ty: &Type) -> Option<&Type> {
    generic_inner(ty, "Vec")
}

/// `Option<T>` → `Some(T)`.
fn option_inner(ty: &Type) -> Option<&Type> {
    generic_inner(ty, "Option")
}

fn generic_inner<'t>(ty: &'t Type, name: &str) -> Option<&'t Type> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

fn wire_fields(ast: &DeriveInput) -> syn::Result<Vec<FieldSpec>> {
    let mut out = Vec::new();
    for f in named_fields(ast)? {
        let ident = f.ident.clone().ok_or_else(|| syn::Error::new_spanned(f, "a named field"))?;
        let mut spec = FieldSpec {
            wire_name: ident.to_string(),
            ident,
            ty: f.ty.clone(),
            default: false,
            limit: None,
            with: None,
            optional: false,
            optional_in_output: false,
            since: None,
            doc: doc_of(&f.attrs),
        };
        for a in &f.attrs {
            if !a.path().is_ident("wire") {
                continue;
            }
            a.parse_nested_meta(|m| {
                if m.path.is_ident("default") {
                    spec.default = true;
                    Ok(())
                } else if m.path.is_ident("rename") {
                    let s: syn::LitStr = m.value()?.parse()?;
                    spec.wire_name = s.value();
                    Ok(())
                } else if m.path.is_ident("limit") {
                    let id: syn::Ident = m.value()?.parse()?;
                    spec.limit = Some(id);
                    Ok(())
                } else if m.path.is_ident("with") {
                    let p: syn::Path = m.value()?.parse()?;
                    spec.with = Some(p);
                    Ok(())
                } else if m.path.is_ident("optional") {
                    spec.optional = true;
                    Ok(())
                } else if m.path.is_ident("since") {
                    let s: syn::LitStr = m.value()?.parse()?;
                    spec.since = Some(s.value());
                    Ok(())
                } else {
                    Err(m.error("unknown wire attribute (default, rename, limit, with, optional, since)"))
                }
            })?;
        }
        out.push(spec);
    }
    Ok(out)
}

fn object_shape(name: &str, doc: &str, fields: &[Tokens]) -> Tokens {
    quote! {
        fn shape() -> ::shftu_rules::shape::Shape {
            static OBJECT: ::shftu_rules::shape::ObjectShape = ::shftu_rules::shape::ObjectShape {
                name: #name,
                doc: #doc,
                fields: &[#(#fields),*],
            };
            ::shftu_rules::shape::Shape::Object(&OBJECT)
        }
    }
}

fn wire(ast: &DeriveInput) -> syn::Result<Tokens> {
    let name = &ast.ident;
    let fields = wire_fields(ast)?;
    let names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    let mut reads = Vec::new();
    let mut shapes = Vec::new();
    for f in &fields {
        let ident = &f.ident;
        let key = &f.wire_name;
        let doc = &f.doc;
        let opt = option_inner(&f.ty);
        // The type read from the wire: `T` of `Option<T>`, else the field's type.
        let read_ty = opt.unwrap_or(&f.ty);
        let limit = match &f.limit {
            Some(l) => quote!(::core::option::Option::Some(::shftu_rules::limits::Limit::#l)),
            None => quote!(::core::option::Option::None),
        };
        if f.limit.is_some() && vec_inner(read_ty).is_none() {
            return Err(syn::Error::new_spanned(&f.ident, "`limit` applies to a Vec field"));
        }
        let read = if let Some(with) = &f.with {
            quote!(#with(o.raw(#key), &o.path().key(#key), o.cx())?)
        } else {
            match (opt.is_some(), f.default) {
                (true, false) => quote!(o.opt::<#read_ty>(#key, #limit)?),
                (false, true) => quote!(o.opt::<#read_ty>(#key, #limit)?.unwrap_or_default()),
                (false, false) => quote!(o.req::<#read_ty>(#key, #limit)?),
                (true, true) => {
                    return Err(syn::Error::new_spanned(
                        &f.ident,
                        "an Option field is optional already; drop `default`",
                    ))
                }
            }
        };
        reads.push(quote!(#ident: #read));
        let required = opt.is_none() && !f.default && !f.optional;
        if required && f.since.is_some() {
            return Err(syn::Error::new_spanned(
                &f.ident,
                "a field added since an earlier release must be optional",
            ));
        }
        let since = match &f.since {
            Some(v) => quote!(::core::option::Option::Some(#v)),
            None => quote!(::core::option::Option::None),
        };
        let limit_name = match &f.limit {
            Some(l) => quote!(::core::option::Option::Some(::shftu_rules::limits::Limit::#l)),
            None => quote!(::core::option::Option::None),
        };
        shapes.push(quote! {
            ::shftu_rules::shape::FieldShape {
                name: #key,
                shape: <#read_ty as ::shftu_rules::shape::Described>::shape,
                required: #required,
                nullable: false,
                doc: #doc,
                limit: #limit_name,
                since: #since,
            }
        });
    }
    let doc = doc_of(&ast.attrs);
    let shape = object_shape(&name.to_string(), &doc, &shapes);
    Ok(quote! {
        impl ::shftu_rules::read::Wire for #name {
            fn read<S: ::shftu_rules::read::Source>(
                s: &S,
                path: &::shftu_rules::read::Path<'_>,
                cx: &::shftu_rules::read::ReadCx<'_>,
                _limit: ::core::option::Option<::shftu_rules::limits::Limit>,
            ) -> ::shftu_rules::error::Result<Self> {
                const FIELDS: &[&str] = &[#(#names),*];
                let o = ::shftu_rules::read::Obj::new(s, *path, FIELDS, cx)?;
                ::core::result::Result::Ok(#name { #(#reads),* })
            }
            fn expected() -> ::shftu_rules::read::Expected {
                ::shftu_rules::read::Expected::Object
            }
        }
        impl ::shftu_rules::shape::Described for #name {
            #shape
        }
    })
}

fn serde_attrs(f: &syn::Field, spec: &mut FieldSpec) -> syn::Result<()> {
    for a in &f.attrs {
        if !a.path().is_ident("serde") {
            continue;
        }
        a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                let s: syn::LitStr = m.value()?.parse()?;
                spec.wire_name = s.value();
            } else if m.path.is_ident("skip_serializing_if") {
                let _: syn::LitStr = m.value()?.parse()?;
                spec.optional_in_output = true;
            } else if m.input.peek(syn::Token![=]) {
                let _: Expr = m.value()?.parse()?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn described(ast: &DeriveInput) -> syn::Result<Tokens> {
    let name = &ast.ident;
    let mut shapes = Vec::new();
    for f in named_fields(ast)? {
        let ident = f.ident.clone().ok_or_else(|| syn::Error::new_spanned(f, "a named field"))?;
        let mut spec = FieldSpec {
            wire_name: ident.to_string(),
            ident,
            ty: f.ty.clone(),
            default: false,
            limit: None,
            with: None,
            optional: false,
            optional_in_output: false,
            since: None,
            doc: doc_of(&f.attrs),
        };
        serde_attrs(f, &mut spec)?;
        let key = &spec.wire_name;
        let doc = &spec.doc;
        let opt = option_inner(&spec.ty);
        let inner = opt.unwrap_or(&spec.ty);
        let nullable = opt.is_some();
        let required = !spec.optional_in_output;
        shapes.push(quote! {
            ::shftu_rules::shape::FieldShape {
                name: #key,
                shape: <#inner as ::shftu_rules::shape::Described>::shape,
                required: #required,
                nullable: #nullable,
                doc: #doc,
                limit: ::core::option::Option::None,
                since: ::core::option::Option::None,
            }
        });
    }
    let doc = doc_of(&ast.attrs);
    let shape = object_shape(&name.to_string(), &doc, &shapes);
    Ok(quote! {
        impl ::shftu_rules::shape::Described for #name {
            #shape
        }
    })
}
